import { Inject, Injectable } from '@nestjs/common';
import { activeEvaluations, deleteInitiative, initiativeRepository, roiEvaluationRepository, touchpointRepository, updateInitiative } from '@waymark/db';
import type { Db, InitiativeValues, InitiativeWithTouchpoints, RoiEvaluation, Touchpoint } from '@waymark/db';
import { startRoiEvaluation } from '@waymark/workflows';
import { z } from 'zod';
import type { Principal } from '../../common/auth/auth-context.js';
import { ApiError, ApiErrorCode, badInput, notFound } from '../../common/errors/api-error.js';
import { isUuid, requireId } from '../../common/graphql/ids.js';
import type { PageArgs } from '../../common/graphql/pagination.js';
import { DB } from '../../common/tokens.js';
import { ScheduleKindGql } from '../schedules/dtos/schedule.dto.js';
import { SchedulesService } from '../schedules/schedules.service.js';
import { WorkflowsService } from '../workflows/workflows.service.js';
import { AuditLogService } from '../workspaces/services/audit-log.service.js';
import type { InitiativeInput, InitiativePatch } from './dtos/initiative.dto.js';

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
    @Inject(SchedulesService) private readonly schedules: SchedulesService,
  ) {}

  async create(principal: Principal, input: InitiativeInput): Promise<InitiativeWithTouchpoints> {
    const parsed = InitiativeSchema.parse(input);
    const touchpointIds = [...new Set(parsed.touchpointIds)];
    const found = await touchpointRepository(this.db.prisma, principal.workspaceId).findByIds(touchpointIds);
    const missing = touchpointIds.filter((id) => !found.some((t) => t.id === id));
    if (missing.length > 0) throw unknownTouchpoints(missing);
    const created = await initiativeRepository(this.db.prisma, principal.workspaceId).create({ ...parsed, touchpointIds });
    await this.auditLog.record(principal, 'initiative.create', 'Initiative', created.id, { name: created.name });
    return created;
  }

  // The patch over the stored values, validated as a whole as create validates, under the row's lock.
  async update(principal: Principal, id: string, patch: InitiativePatch): Promise<InitiativeWithTouchpoints> {
    const changes = patchChanges(patch);
    const merge = (current: InitiativeValues): InitiativeValues => {
      const parsed = InitiativeSchema.parse({ ...current, ...changes });
      return { ...parsed, description: parsed.description ?? null, endDate: parsed.endDate ?? null };
    };
    const outcome = await updateInitiative(this.db, principal.workspaceId, requireId(id, 'initiative'), merge);
    if (outcome.status === 'not-found') throw notFound('initiative', id);
    if (outcome.status === 'unknown-touchpoints') throw unknownTouchpoints(outcome.ids);
    await this.auditLog.record(principal, 'initiative.update', 'Initiative', id, { fields: Object.keys(changes), changed: outcome.changed });
    return this.require(principal, id);
  }

  // Its evaluations and touchpoint links go with it (cascade), and its ROI schedule before it, so none
  // is left to fail every run. Checked before the schedule goes, and again under the row's lock.
  async delete(principal: Principal, id: string): Promise<boolean> {
    const initiative = await this.require(principal, id);
    const active = await activeEvaluations(this.db, principal.workspaceId, id);
    if (active > 0) throw stillEvaluating(initiative.name, active);
    await this.schedules.removeRecorded(principal, [ScheduleKindGql.ROI], id);
    const outcome = await deleteInitiative(this.db, principal.workspaceId, id);
    if (outcome.status === 'not-found') throw notFound('initiative', id);
    if (outcome.status === 'evaluating') throw stillEvaluating(outcome.name, outcome.evaluations);
    await this.auditLog.record(principal, 'initiative.delete', 'Initiative', id, { name: outcome.name });
    return true;
  }

  private async require(principal: Principal, id: string): Promise<InitiativeWithTouchpoints> {
    const initiative = await initiativeRepository(this.db.prisma, principal.workspaceId).find(requireId(id, 'initiative'));
    if (!initiative) throw notFound('initiative', id);
    return initiative;
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

const REQUIRED = ['name', 'startDate', 'cost', 'touchpointIds'] as const;
const FIELDS = [...REQUIRED, 'description', 'endDate'] as const;

// The fields the patch sets. Null clears description or endDate; the other fields cannot be cleared.
function patchChanges(patch: InitiativePatch): Partial<InitiativeValues> {
  const changes = Object.fromEntries(FIELDS.flatMap((key) => (patch[key] === undefined ? [] : [[key, patch[key]]])));
  if (Object.keys(changes).length === 0) throw badInput(`Nothing to change: give at least one of ${FIELDS.join(', ')}.`);
  const cleared = REQUIRED.find((key) => patch[key] === null);
  if (cleared) throw badInput(`${cleared} cannot be cleared: an initiative always has one. Leave it out to keep the current value.`, { field: cleared });
  return changes;
}

function unknownTouchpoints(ids: string[]): ApiError {
  return new ApiError(ApiErrorCode.NOT_FOUND, `No touchpoint with id ${ids.join(', ')} in this workspace.`, { field: 'touchpointIds' });
}

function stillEvaluating(name: string, evaluations: number): ApiError {
  const what = evaluations === 1 ? 'an ROI evaluation' : `${evaluations} ROI evaluations`;
  return badInput(`Initiative "${name}" has ${what} queued or running, which would fail without it. Wait until it has finished, then delete the initiative.`, { evaluations });
}
