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
}

// Where a touchpoint goes: another stage and/or a 0-based position within the (new) stage.
// A position past the end means "last"; moving to another stage without a position appends.
export interface TouchpointPlacement {
  stageId?: string;
  position?: number;
}

// The stable order of a stage's touchpoints (ties only for rows written before positions existed).
export const TOUCHPOINT_ORDER = [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] as const satisfies Prisma.TouchpointOrderByWithRelationInput[];

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
      return db.touchpoint.findMany({ where, orderBy: [{ stage: { position: 'asc' } }, ...TOUCHPOINT_ORDER] });
    },
    find(id: string): Promise<Touchpoint | null> {
      return db.touchpoint.findFirst({ where: { id } });
    },
    findByIds(ids: readonly string[]): Promise<Touchpoint[]> {
      return db.touchpoint.findMany({ where: { id: { in: [...ids] } } });
    },
    byStages(stageIds: readonly string[]): Promise<Touchpoint[]> {
      return db.touchpoint.findMany({ where: { stageId: { in: [...stageIds] } }, orderBy: [...TOUCHPOINT_ORDER] });
    },
    findByKey(key: string): Promise<Touchpoint | null> {
      return db.touchpoint.findFirst({ where: { key } });
    },
    // The touchpoints that already hold any of these keys, with their journey's name, for messages.
    withKeys(keys: readonly string[]): Promise<{ key: string; name: string; journeyName: string }[]> {
      return db.touchpoint
        .findMany({ where: { key: { in: [...keys] } }, select: { key: true, name: true, stage: { select: { journey: { select: { name: true } } } } }, orderBy: { key: 'asc' } })
        .then((rows) => rows.map((row) => ({ key: row.key, name: row.name, journeyName: row.stage.journey.name })));
    },
    // Appended at the end of its stage.
    add(stageId: string, input: NewTouchpoint): Promise<Touchpoint> {
      return db.$transaction(async (tx) => {
        const last = await tx.touchpoint.aggregate({ where: { stageId }, _max: { position: true } });
        const position = (last._max.position ?? -1) + 1;
        return tx.touchpoint.create({ data: { workspaceId, stageId, ...touchpointColumns(input), position } });
      });
    },
    // Moves a touchpoint within its stage or to another one, renumbering the stages it leaves and
    // enters 0..n-1 in one transaction, so positions stay dense and unique per stage.
    place(id: string, placement: TouchpointPlacement): Promise<Touchpoint> {
      return db.$transaction(async (tx) => {
        const moving = await tx.touchpoint.findFirstOrThrow({ where: { id } });
        const targetStage = placement.stageId ?? moving.stageId;
        const siblings = (await tx.touchpoint.findMany({ where: { stageId: targetStage }, orderBy: [...TOUCHPOINT_ORDER], select: { id: true } }))
          .map((t) => t.id)
          .filter((tid) => tid !== id);
        const at = Math.min(placement.position ?? siblings.length, siblings.length);
        siblings.splice(at, 0, id);
        const order = [{ stageId: targetStage, ids: siblings }];
        if (targetStage !== moving.stageId) {
          const left = await tx.touchpoint.findMany({ where: { stageId: moving.stageId, id: { not: id } }, orderBy: [...TOUCHPOINT_ORDER], select: { id: true } });
          order.push({ stageId: moving.stageId, ids: left.map((t) => t.id) });
        }
        for (const stage of order) {
          for (const [position, tid] of stage.ids.entries()) {
            await tx.touchpoint.updateMany({ where: { id: tid, NOT: { stageId: stage.stageId, position } }, data: { stageId: stage.stageId, position } });
          }
        }
        return tx.touchpoint.findFirstOrThrow({ where: { id } });
      });
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
