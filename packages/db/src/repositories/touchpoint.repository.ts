import type { DbPrisma } from '../client/db.js';
import type { Event, Prisma, Touchpoint } from '../generated/prisma/client.js';
import type { NewTouchpoint } from './journey.repository.js';
import { touchpointColumns } from './journey.repository.js';
import { decodeCursor, scoped } from './scoped-cache.js';

export interface TouchpointFilter {
  journeyId?: string | null;
  stageId?: string | null;
  channel?: string | null;
}

export interface TouchpointChanges {
  name?: string;
  channel?: string;
  ownerTeam?: string | null;
  monthlyCost?: number | null;
  facts?: Prisma.InputJsonValue;
  stageId?: string;
}

export interface EventFilter {
  touchpointId?: string | null;
  kind?: Event['kind'] | null;
  from?: Date | null;
  to?: Date | null;
}

export function touchpointRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    list(filter: TouchpointFilter = {}): Promise<Touchpoint[]> {
      const where: Prisma.TouchpointWhereInput = {};
      if (filter.stageId) where.stageId = filter.stageId;
      if (filter.journeyId) where.stage = { journeyId: filter.journeyId };
      if (filter.channel) where.channel = filter.channel;
      return db.touchpoint.findMany({ where, orderBy: [{ createdAt: 'asc' }, { key: 'asc' }] });
    },
    find(id: string): Promise<Touchpoint | null> {
      return db.touchpoint.findFirst({ where: { id } });
    },
    findByIds(ids: readonly string[]): Promise<Touchpoint[]> {
      return db.touchpoint.findMany({ where: { id: { in: [...ids] } } });
    },
    byStages(stageIds: readonly string[]): Promise<Touchpoint[]> {
      return db.touchpoint.findMany({ where: { stageId: { in: [...stageIds] } }, orderBy: [{ createdAt: 'asc' }, { key: 'asc' }] });
    },
    findByKey(key: string): Promise<Touchpoint | null> {
      return db.touchpoint.findFirst({ where: { key } });
    },
    add(stageId: string, input: NewTouchpoint): Promise<Touchpoint> {
      return db.touchpoint.create({ data: { workspaceId, stageId, ...touchpointColumns(input) } });
    },
    update(id: string, changes: TouchpointChanges): Promise<Touchpoint> {
      return db.touchpoint.update({ where: { id }, data: changes });
    },
    // Newest first; the cursor is the event id (a bigint).
    events(filter: EventFilter, first: number, after?: string | null): Promise<Event[]> {
      const where: Prisma.EventWhereInput = {};
      if (filter.touchpointId) where.touchpointId = filter.touchpointId;
      if (filter.kind) where.kind = filter.kind;
      if (filter.from || filter.to) where.occurredAt = { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) };
      return db.event.findMany({
        where,
        orderBy: { id: 'desc' },
        take: first + 1,
        ...(after ? { cursor: { id: BigInt(decodeCursor(after)) }, skip: 1 } : {}),
      });
    },
  };
}
