import type { Journey, Metric, TimeWindow } from '$lib/graphql/types.js';

export interface StageEmotion {
  stageId: string;
  stageName: string;
  sentiment: number | null;
  csat: number | null;
  sampleSize: number;
  pain: boolean;
}

// A stage is a pain point when its mood is negative or fewer than 70% of customers are satisfied.
export const PAIN_CSAT = 70;

export function isPain(sentiment: number | null, csat: number | null): boolean {
  return (sentiment !== null && sentiment < 0) || (csat !== null && csat < PAIN_CSAT);
}

const METRICS: Metric[] = ['SENTIMENT', 'CSAT'];

export function emotionDocument(journey: Journey): { document: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const selections = journey.stages.flatMap((stage, s) => {
    variables[`s${s}`] = { stageId: stage.id };
    return METRICS.map((metric) => `${metric.toLowerCase()}${s}: kpi(metric: ${metric}, scope: $s${s}, window: $window) { value sampleSize }`);
  });
  const params = journey.stages.map((_, s) => `, $s${s}: KpiScope!`).join('');
  return { document: `query Emotion($window: TimeWindow!${params}) { ${selections.join('\n')} }`, variables };
}

export function emotionVariables(window: TimeWindow, built: { variables: Record<string, unknown> }): Record<string, unknown> {
  return { window, ...built.variables };
}

function read(raw: unknown): { value: number | null; sampleSize: number } {
  if (typeof raw !== 'object' || raw === null) return { value: null, sampleSize: 0 };
  return {
    value: 'value' in raw && typeof raw.value === 'number' ? raw.value : null,
    sampleSize: 'sampleSize' in raw && typeof raw.sampleSize === 'number' ? raw.sampleSize : 0,
  };
}

export function emotionOf(journey: Journey, data: Record<string, unknown>): StageEmotion[] {
  return journey.stages.map((stage, s) => {
    const sentiment = read(data[`sentiment${s}`]);
    const csat = read(data[`csat${s}`]);
    return {
      stageId: stage.id,
      stageName: stage.name,
      sentiment: sentiment.value,
      csat: csat.value,
      sampleSize: Math.max(sentiment.sampleSize, csat.sampleSize),
      pain: isPain(sentiment.value, csat.value),
    };
  });
}
