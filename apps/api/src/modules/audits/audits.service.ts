import { Inject, Injectable } from '@nestjs/common';
import { auditRepository, journeyRepository, touchpointRepository } from '@waymark/db';
import type { ConsistencyAudit, Db, Finding, Journey, Touchpoint } from '@waymark/db';
import { startConsistencyAudit } from '@waymark/workflows';
import type { Principal } from '../../common/auth/auth-context.js';
import { notFound } from '../../common/errors/api-error.js';
import { isUuid, requireId } from '../../common/graphql/ids.js';
import type { PageArgs } from '../../common/graphql/pagination.js';
import { DB } from '../../common/tokens.js';
import { WorkflowsService } from '../workflows/workflows.service.js';
import { AuditLogService } from '../workspaces/services/audit-log.service.js';

@Injectable()
export class AuditsService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(WorkflowsService) private readonly workflows: WorkflowsService,
    @Inject(AuditLogService) private readonly auditLog: AuditLogService,
  ) {}

  private repo(principal: Principal) {
    return auditRepository(this.db.prisma, principal.workspaceId);
  }

  async find(principal: Principal, id: string): Promise<ConsistencyAudit | null> {
    return isUuid(id) ? this.repo(principal).find(id) : null;
  }

  list(principal: Principal, page: PageArgs, journeyId: string | null): Promise<ConsistencyAudit[]> {
    return this.repo(principal).list(page.first, page.after, journeyId && isUuid(journeyId) ? journeyId : null);
  }

  // The row first (QUEUED), then the workflow; a start that fails leaves the row FAILED with why.
  async start(principal: Principal, journeyId: string): Promise<ConsistencyAudit> {
    const journey = await journeyRepository(this.db.prisma, principal.workspaceId).find(requireId(journeyId, 'journey'));
    if (!journey) throw notFound('journey', journeyId);
    const repo = this.repo(principal);
    const audit = await repo.create(journeyId);
    await this.auditLog.record(principal, 'audit.start', 'ConsistencyAudit', audit.id, { journeyId });
    try {
      const handle = await this.workflows.run('start the consistency audit', (client) => startConsistencyAudit(client, { workspaceId: principal.workspaceId, auditId: audit.id }));
      return await repo.setStatus(audit.id, audit.status, { workflowId: handle.workflowId });
    } catch (error) {
      await repo.setStatus(audit.id, 'FAILED', { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  async journey(principal: Principal, journeyId: string): Promise<Journey> {
    const journey = await journeyRepository(this.db.prisma, principal.workspaceId).find(journeyId);
    if (!journey) throw notFound('journey', journeyId);
    return journey;
  }

  findings(principal: Principal, auditId: string): Promise<Finding[]> {
    return this.repo(principal).findings(auditId);
  }

  touchpoints(principal: Principal, ids: string[]): Promise<Touchpoint[]> {
    return touchpointRepository(this.db.prisma, principal.workspaceId).findByIds(ids);
  }
}
