import type { DbPrisma } from '../client/db.js';
import type { Event, EventKind, Prisma } from '../generated/prisma/client.js';
import { scopedClient as scoped } from '../scoping/workspace-scope.js';
import { decodeIdCursor } from './id-cursor.js';

// Reads of stored events. Writes go through ingestEvents (the one ingestion path).
export interface StoredEventFilter {
  touchpointId?: string | null;
  customerId?: string | null;
  source?: string | null;
  kind?: EventKind | null;
  from?: Date | null;
  to?: Date | null;
}

function where(filter: StoredEventFilter): Prisma.EventWhereInput {
  const out: Prisma.EventWhereInput = {};
  if (filter.touchpointId) out.touchpointId = filter.touchpointId;
  if (filter.customerId) out.customerId = filter.customerId;
  if (filter.source) out.source = filter.source;
  if (filter.kind) out.kind = filter.kind;
  if (filter.from || filter.to) out.occurredAt = { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) };
  return out;
}

export function eventRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    findByExternalId(source: string, externalId: string): Promise<Event | null> {
      return db.event.findFirst({ where: { source, externalId } });
    },
    // Newest first; the cursor is the event id. Fetches first + 1 rows so callers can tell whether more exist.
    list(filter: StoredEventFilter = {}, first = 50, after?: string | null): Promise<Event[]> {
      return db.event.findMany({
        where: where(filter),
        orderBy: { id: 'desc' },
        take: first + 1,
        ...(after ? { cursor: { id: decodeIdCursor(after) }, skip: 1 } : {}),
      });
    },
    count(filter: StoredEventFilter = {}): Promise<number> {
      return db.event.count({ where: where(filter) });
    },
  };
}
