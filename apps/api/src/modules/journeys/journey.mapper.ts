import type { Journey, Stage, StageWithTouchpoints, Touchpoint } from '@waymark/db';
import type { TouchpointDto } from './dtos/journey.dto.js';

// Rows as the resolvers pass them along: preloaded children are reused by the field resolvers.
export type JourneyModel = Journey & { stages?: StageWithTouchpoints[] };
export type StageModel = Stage & { touchpoints?: Touchpoint[] };
export type TouchpointModel = TouchpointDto & { stage?: Stage };

// Read straight from a preloaded tree, without the Nest field resolvers below (see readPreloadedFields).
export const JOURNEY_TREE_FIELDS = { Journey: ['stages'], Stage: ['touchpoints'] } as const;

export function toStage(stage: Stage | StageWithTouchpoints): StageModel {
  return stage;
}

export function toTouchpoint(row: Touchpoint): TouchpointModel {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    type: row.type,
    channel: row.channel,
    mode: row.mode,
    ownerTeam: row.ownerTeam,
    monthlyCost: row.monthlyCost,
    facts: row.facts,
    position: row.position,
    stageId: row.stageId,
  };
}
