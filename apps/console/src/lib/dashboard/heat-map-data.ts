import type { Journey, KpiScope, Metric, TimeWindow } from '$lib/graphql/types.js';

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

export function channelsOf(journey: Journey): string[] {
  return [...new Set(journey.stages.flatMap((s) => s.touchpoints.map((t) => t.channel)))].sort();
}

// One aliased kpi() per stage × channel, in a single request.
export function heatMapDocument(journey: Journey, channels: string[], metric: Metric): { document: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const selections: string[] = [];
  journey.stages.forEach((stage, s) => {
    channels.forEach((channel, c) => {
      const scope: KpiScope = { stageId: stage.id, channel };
      variables[`s${s}_${c}`] = scope;
      selections.push(`c${s}_${c}: kpi(metric: ${metric}, scope: $s${s}_${c}, window: $window) { value sampleSize }`);
    });
  });
  const params = Object.keys(variables).map((name) => `$${name}: KpiScope!`);
  const document = `query HeatMap($window: TimeWindow!${params.length ? ', ' + params.join(', ') : ''}) { ${selections.join('\n')} }`;
  return { document, variables };
}

function cellOf(raw: unknown): HeatCell {
  if (typeof raw !== 'object' || raw === null) return { value: null, sampleSize: 0 };
  const value = 'value' in raw && typeof raw.value === 'number' ? raw.value : null;
  const sampleSize = 'sampleSize' in raw && typeof raw.sampleSize === 'number' ? raw.sampleSize : 0;
  return { value, sampleSize };
}

export function heatMapOf(journey: Journey, channels: string[], metric: Metric, data: Record<string, unknown>): HeatMapData {
  return {
    metric,
    stages: journey.stages.map(({ id, name }) => ({ id, name })),
    channels,
    cells: journey.stages.map((_, s) => channels.map((_, c) => cellOf(data[`c${s}_${c}`]))),
  };
}

export function heatMapVariables(window: TimeWindow, built: { variables: Record<string, unknown> }): Record<string, unknown> {
  return { window, ...built.variables };
}
