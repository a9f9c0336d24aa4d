import type { DbPrisma } from '../client/db.js';
import type { Journey, Prisma, Stage, Touchpoint, TouchpointMode, TouchpointType } from '../generated/prisma/client.js';
import { scoped } from './scoped-cache.js';

export type StageWithTouchpoints = Stage & { touchpoints: Touchpoint[] };
export type JourneyWithStages = Journey & { stages: StageWithTouchpoints[] };

export interface NewTouchpoint {
  key: string;
  name: string;
  type: TouchpointType;
  channel: string;
  mode: TouchpointMode;
  ownerTeam?: string | null | undefined;
  monthlyCost?: number | null | undefined;
  facts?: Prisma.InputJsonValue | null | undefined;
}

export interface NewJourney {
  name: string;
  description?: string | null | undefined;
  stages: { name: string; touchpoints?: NewTouchpoint[] | null | undefined }[];
}

// Optional fields normalised to the column values they stand for.
export function touchpointColumns(tp: NewTouchpoint) {
  return {
    key: tp.key,
    name: tp.name,
    type: tp.type,
    channel: tp.channel,
    mode: tp.mode,
    ownerTeam: tp.ownerTeam ?? null,
    monthlyCost: tp.monthlyCost ?? null,
    facts: tp.facts ?? {},
  };
}

const WITH_STAGES = {
  stages: { orderBy: { position: 'asc' }, include: { touchpoints: { orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] } } },
} satisfies Prisma.JourneyInclude;

export function journeyRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    list(): Promise<Journey[]> {
      return db.journey.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    },
    find(id: string): Promise<Journey | null> {
      return db.journey.findFirst({ where: { id } });
    },
    findWithStages(id: string): Promise<JourneyWithStages | null> {
      return db.journey.findFirst({ where: { id }, include: WITH_STAGES });
    },
    // One transaction: the journey, its ordered stages and their touchpoints.
    create(input: NewJourney): Promise<JourneyWithStages> {
      return db.journey.create({
        data: {
          workspaceId,
          name: input.name,
          description: input.description ?? null,
          stages: {
            create: input.stages.map((stage, position) => ({
              workspaceId,
              name: stage.name,
              position,
              touchpoints: {
                create: (stage.touchpoints ?? []).map((tp, index) => ({ workspaceId, ...touchpointColumns(tp), position: index })),
              },
            })),
          },
        },
        include: WITH_STAGES,
      });
    },
    stagesOf(journeyId: string): Promise<Stage[]> {
      return db.stage.findMany({ where: { journeyId }, orderBy: { position: 'asc' } });
    },
    findStage(id: string): Promise<Stage | null> {
      return db.stage.findFirst({ where: { id } });
    },
    stagesByIds(ids: readonly string[]): Promise<Stage[]> {
      return db.stage.findMany({ where: { id: { in: [...ids] } } });
    },
  };
}
