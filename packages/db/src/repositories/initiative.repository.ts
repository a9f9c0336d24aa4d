import type { DbPrisma } from '../client/db.js';
import type { Initiative } from '../generated/prisma/client.js';
import { decodeCursor, scoped } from './scoped-cache.js';

export type InitiativeWithTouchpoints = Initiative & { touchpoints: { touchpointId: string }[] };

export interface NewInitiative {
  name: string;
  description?: string | null;
  startDate: Date;
  endDate?: Date | null;
  cost: number;
  touchpointIds: string[];
}

const WITH_TOUCHPOINTS = { touchpoints: { select: { touchpointId: true } } } as const;

export function initiativeRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    create(input: NewInitiative): Promise<InitiativeWithTouchpoints> {
      const { touchpointIds, ...fields } = input;
      return db.initiative.create({
        data: { workspaceId, ...fields, touchpoints: { create: touchpointIds.map((touchpointId) => ({ workspaceId, touchpointId })) } },
        include: WITH_TOUCHPOINTS,
      });
    },
    find(id: string): Promise<InitiativeWithTouchpoints | null> {
      return db.initiative.findFirst({ where: { id }, include: WITH_TOUCHPOINTS });
    },
    // Newest first; fetches first + 1 so the caller can tell whether another page exists.
    list(first: number, after?: string | null): Promise<InitiativeWithTouchpoints[]> {
      return db.initiative.findMany({
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: first + 1,
        include: WITH_TOUCHPOINTS,
        ...(after ? { cursor: { id: decodeCursor(after) }, skip: 1 } : {}),
      });
    },
  };
}
