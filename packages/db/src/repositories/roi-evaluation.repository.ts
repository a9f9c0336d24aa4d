import type { DbPrisma } from '../client/db.js';
import type { RoiEvaluation, RunStatus } from '../generated/prisma/client.js';
import { scoped } from './scoped-cache.js';

export function roiEvaluationRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    create(initiativeId: string, window?: { from: Date; to: Date }): Promise<RoiEvaluation> {
      return db.roiEvaluation.create({
        data: { workspaceId, initiativeId, status: 'QUEUED', windowFrom: window?.from ?? null, windowTo: window?.to ?? null },
      });
    },
    find(id: string): Promise<RoiEvaluation | null> {
      return db.roiEvaluation.findFirst({ where: { id } });
    },
    latestFor(initiativeIds: readonly string[]): Promise<RoiEvaluation[]> {
      return db.roiEvaluation.findMany({
        where: { initiativeId: { in: [...initiativeIds] } },
        orderBy: { createdAt: 'desc' },
        distinct: ['initiativeId'],
      });
    },
    setStatus(id: string, status: RunStatus, extra: { workflowId?: string; error?: string } = {}): Promise<RoiEvaluation> {
      return db.roiEvaluation.update({ where: { id }, data: { status, ...extra } });
    },
  };
}
