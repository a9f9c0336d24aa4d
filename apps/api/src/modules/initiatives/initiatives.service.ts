import { Inject, Injectable } from '@nestjs/common';
import { initiativeRepository, roiEvaluationRepository, touchpointRepository } from '@waymark/db';
import type { Db, InitiativeWithTouchpoints, RoiEvaluation, Touchpoint } from '@waymark/db';
import { startRoiEvaluation } from '@waymark/workflows';
import { z } from 'zod';
import type { Principal } from '../../common/auth/auth-context.js';
import { ApiError, ApiErrorCode, notFound } from '../../common/errors/api-error.js';
import { isUuid, requireId } from '../../common/graphql/ids.js';
import type { PageArgs } from '../../common/graphql/pagination.js';
import { DB } from '../../common/tokens.js';
import { WorkflowsService } from '../workflows/workflows.service.js';
import { AuditLogService } from '../workspaces/services/audit-log.service.js';
import type { InitiativeInput } from './dtos/initiative.dto.js';

const InitiativeSchema = z
  .object({
    name: z.string().trim().min(1, 'name must not be empty').max(200),
    description: z.string().max(5000).nullish(),
    touchpointIds: z.array(z.uuid('touchpointIds must hold touchpoint ids')).min(1, 'an initiative needs at least one touchpoint').max(200),
    startDate: z.date(),
    endDate: z.date().nullish(),
    cost: z.number().finite().positive('cost must be greater than zero (ROI divides by it)'),
  })
  .refine((i) => !i.endDate || i.endDate > i.startDate, { message: 'endDate must be after startDate', path: ['endDate'] });

@Injectable()
export class InitiativesService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(WorkflowsService) private readonly workflows: WorkflowsService,
    @Inject(AuditLogService) private readonly auditLog: AuditLogService,
  ) {}

  async create(principal: Principal, input: InitiativeInput): Promise<InitiativeWithTouchpoints> {
    const parsed = InitiativeSchema.parse(input);
    const touchpointIds = [...new Set(parsed.touchpointIds)];
    const found = await touchpointRepository(this.db.prisma, principal.workspaceId).findByIds(touchpointIds);
    const missing = touchpointIds.filter((id) => !found.some((t) => t.id === id));
    if (missing.length > 0) throw new ApiError(ApiErrorCode.NOT_FOUND, `No touchpoint with id ${missing.join(', ')} in this workspace.`, { field: 'touchpointIds' });
    const created = await initiativeRepository(this.db.prisma, principal.workspaceId).create({ ...parsed, touchpointIds });
    await this.auditLog.record(principal, 'initiative.create', 'Initiative', created.id, { name: created.name });
    return created;
  }

  list(principal: Principal, page: PageArgs): Promise<InitiativeWithTouchpoints[]> {
    return initiativeRepository(this.db.prisma, principal.workspaceId).list(page.first, page.after);
  }

  async find(principal: Principal, id: string): Promise<InitiativeWithTouchpoints | null> {
    return isUuid(id) ? initiativeRepository(this.db.prisma, principal.workspaceId).find(id) : null;
  }

  async evaluation(principal: Principal, id: string): Promise<RoiEvaluation | null> {
    return isUuid(id) ? roiEvaluationRepository(this.db.prisma, principal.workspaceId).find(id) : null;
  }

  async latestEvaluations(principal: Principal, initiativeIds: string[]): Promise<Map<string, RoiEvaluation>> {
    const rows = await roiEvaluationRepository(this.db.prisma, principal.workspaceId).latestFor(initiativeIds);
    return new Map(rows.map((row) => [row.initiativeId, row]));
  }

  touchpoints(principal: Principal, ids: string[]): Promise<Touchpoint[]> {
    return touchpointRepository(this.db.prisma, principal.workspaceId).findByIds(ids);
  }

  // The row first (QUEUED), then the workflow; a start that fails leaves the row FAILED with why.
  async startEvaluation(principal: Principal, initiativeId: string): Promise<RoiEvaluation> {
    const initiative = await initiativeRepository(this.db.prisma, principal.workspaceId).find(requireId(initiativeId, 'initiative'));
    if (!initiative) throw notFound('initiative', initiativeId);
    const repo = roiEvaluationRepository(this.db.prisma, principal.workspaceId);
    const evaluation = await repo.create(initiativeId);
    await this.auditLog.record(principal, 'roi-evaluation.start', 'RoiEvaluation', evaluation.id, { initiativeId });
    try {
      const handle = await this.workflows.run('start the ROI evaluation', (client) => startRoiEvaluation(client, { workspaceId: principal.workspaceId, evaluationId: evaluation.id }));
      return await repo.setStatus(evaluation.id, evaluation.status, { workflowId: handle.workflowId });
    } catch (error) {
      await repo.setStatus(evaluation.id, 'FAILED', { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }
}
