import type { DbPrisma } from '../client/db.js';
import type { Prisma, RejectedEvent } from '../generated/prisma/client.js';
import { scopedClient as scoped } from '../scoping/workspace-scope.js';
import { decodeIdCursor } from './id-cursor.js';

export interface RejectedEventFilter {
  syncRunId?: string | null;
  source?: string | null;
}

function where(filter: RejectedEventFilter): Prisma.RejectedEventWhereInput {
  const out: Prisma.RejectedEventWhereInput = {};
  if (filter.syncRunId) out.syncRunId = filter.syncRunId;
  if (filter.source) out.source = filter.source;
  return out;
}

// Rows ingestion refused, kept for review with their reason and payload.
export function rejectedEventRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    // Newest first; the cursor is the row id. Fetches first + 1 rows so callers can tell whether more exist.
    list(filter: RejectedEventFilter = {}, first = 50, after?: string | null): Promise<RejectedEvent[]> {
      return db.rejectedEvent.findMany({
        where: where(filter),
        orderBy: { id: 'desc' },
        take: first + 1,
        ...(after ? { cursor: { id: decodeIdCursor(after) }, skip: 1 } : {}),
      });
    },
    count(filter: RejectedEventFilter = {}): Promise<number> {
      return db.rejectedEvent.count({ where: where(filter) });
    },
    // Review done: drop what is older than the given moment.
    async purgeBefore(before: Date): Promise<number> {
      return (await db.rejectedEvent.deleteMany({ where: { createdAt: { lt: before } } })).count;
    },
  };
}
