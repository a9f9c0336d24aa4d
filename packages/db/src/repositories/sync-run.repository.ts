import type { DbPrisma } from '../client/db.js';
import type { RunStatus, SyncRun } from '../generated/prisma/client.js';
import { scopedClient as scoped } from '../scoping/workspace-scope.js';

export interface PageCounts {
  accepted: number;
  duplicates: number;
  rejected: number;
}

export function syncRunRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    create(integrationId: string, workflowId?: string): Promise<SyncRun> {
      return db.syncRun.create({ data: { workspaceId, integrationId, status: 'QUEUED', workflowId: workflowId ?? null } });
    },
    find(id: string): Promise<SyncRun | null> {
      return db.syncRun.findFirst({ where: { id } });
    },
    // Newest first.
    listForIntegration(integrationId: string, first = 20): Promise<SyncRun[]> {
      return db.syncRun.findMany({ where: { integrationId }, orderBy: { startedAt: 'desc' }, take: first });
    },
    start(id: string, workflowId: string): Promise<SyncRun> {
      return db.syncRun.update({ where: { id }, data: { status: 'RUNNING', workflowId } });
    },
    // Counters add up page by page, so a retried sync keeps an honest total of what it did.
    addPage(id: string, counts: PageCounts): Promise<SyncRun> {
      return db.syncRun.update({
        where: { id },
        data: { pages: { increment: 1 }, events: { increment: counts.accepted }, duplicates: { increment: counts.duplicates }, rejected: { increment: counts.rejected } },
      });
    },
    finish(id: string, status: Extract<RunStatus, 'COMPLETED' | 'FAILED' | 'CANCELLED'>, error?: string): Promise<SyncRun> {
      return db.syncRun.update({ where: { id }, data: { status, error: error ?? null, finishedAt: new Date() } });
    },
  };
}
