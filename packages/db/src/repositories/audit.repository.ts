import type { DbPrisma } from '../client/db.js';
import type { ConsistencyAudit, Finding, RunStatus } from '../generated/prisma/client.js';
import { decodeCursor, scoped } from './scoped-cache.js';

export function auditRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    // The previous audit of the journey is remembered for the new / persisting / resolved diff.
    async create(journeyId: string): Promise<ConsistencyAudit> {
      const previous = await db.consistencyAudit.findFirst({ where: { journeyId, status: 'COMPLETED' }, orderBy: { createdAt: 'desc' } });
      return db.consistencyAudit.create({ data: { workspaceId, journeyId, status: 'QUEUED', previousAuditId: previous?.id ?? null } });
    },
    find(id: string): Promise<ConsistencyAudit | null> {
      return db.consistencyAudit.findFirst({ where: { id } });
    },
    list(first: number, after?: string | null, journeyId?: string | null): Promise<ConsistencyAudit[]> {
      return db.consistencyAudit.findMany({
        where: journeyId ? { journeyId } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: first + 1,
        ...(after ? { cursor: { id: decodeCursor(after) }, skip: 1 } : {}),
      });
    },
    findings(auditId: string): Promise<Finding[]> {
      return db.finding.findMany({ where: { auditId }, orderBy: [{ severity: 'desc' }, { createdAt: 'asc' }] });
    },
    setStatus(id: string, status: RunStatus, extra: { workflowId?: string; error?: string } = {}): Promise<ConsistencyAudit> {
      return db.consistencyAudit.update({ where: { id }, data: { status, ...extra } });
    },
  };
}
