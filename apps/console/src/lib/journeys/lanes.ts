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

// The stage position a touchpoint takes to swap with its neighbour in the same channel lane of its
// stage (the order the map shows), or null when it is already first/last there or not found.
export function neighbourPosition(journey: Journey, touchpointId: string, direction: 'up' | 'down'): number | null {
  for (const stage of journey.stages) {
    const moving = stage.touchpoints.find((t) => t.id === touchpointId);
    if (!moving) continue;
    const lane = stage.touchpoints.filter((t) => t.channel === moving.channel);
    const neighbour = lane[lane.indexOf(moving) + (direction === 'up' ? -1 : 1)];
    return neighbour ? stage.touchpoints.indexOf(neighbour) : null;
  }
  return null;
}
