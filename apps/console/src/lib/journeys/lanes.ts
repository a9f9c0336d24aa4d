import type { Journey, Touchpoint } from '$lib/graphql/types.js';

export interface Lane {
  channel: string;
  // cells[stageIndex] = touchpoints of this channel in that stage, in stage order
  cells: Touchpoint[][];
}

// Channel lanes: one row per channel, one cell per stage.
export function lanesOf(journey: Journey): Lane[] {
  const channels = [...new Set(journey.stages.flatMap((s) => s.touchpoints.map((t) => t.channel)))].sort();
  return channels.map((channel) => ({
    channel,
    cells: journey.stages.map((stage) => stage.touchpoints.filter((t) => t.channel === channel)),
  }));
}

export function sortedStages(journey: Journey): Journey {
  return { ...journey, stages: [...journey.stages].sort((a, b) => a.position - b.position) };
}
