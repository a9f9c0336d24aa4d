import type { Journey, Metric, TimeWindow } from '$lib/graphql/types.js';
import { operation } from '$lib/graphql/operation.js';

export interface HeatCell {
  value: number | null;
  sampleSize: number;
}

export interface HeatMapData {
  metric: Metric;
  stages: { id: string; name: string }[];
  channels: string[];
  // cells[stageIndex][channelIndex]
  cells: HeatCell[][];
}

export interface HeatmapCell {
  stage: { id: string; name: string; position: number };
  channel: string;
  value: number | null;
  sampleSize: number;
}

export const HEATMAP = operation<{ heatmap: HeatmapCell[] }, { journeyId: string; window: TimeWindow; metric: Metric }>(
  'Heatmap',
  `query Heatmap($journeyId: ID!, $window: TimeWindow!, $metric: Metric!) { heatmap(journeyId: $journeyId, window: $window, metric: $metric) {
    stage { id name position } channel value sampleSize } }`,
);

export function channelsOf(journey: Journey): string[] {
  return [...new Set(journey.stages.flatMap((s) => s.touchpoints.map((t) => t.channel)))].sort();
}

// Lays the API's cells onto the journey's stages (rows) and channels (columns); missing cells are empty.
export function heatMapOf(journey: Journey, metric: Metric, cells: HeatmapCell[]): HeatMapData {
  const channels = [...new Set([...channelsOf(journey), ...cells.map((c) => c.channel)])].sort();
  const stages = [...journey.stages].sort((a, b) => a.position - b.position).map(({ id, name }) => ({ id, name }));
  const byKey = new Map(cells.map((c) => [`${c.stage.id}|${c.channel}`, c]));
  return {
    metric,
    stages,
    channels,
    cells: stages.map((s) => channels.map((ch) => {
      const cell = byKey.get(`${s.id}|${ch}`);
      return { value: cell?.value ?? null, sampleSize: cell?.sampleSize ?? 0 };
    })),
  };
}
