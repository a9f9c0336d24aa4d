import type { Metric } from './types.js';

export interface MetricRange {
  min: number;
  max: number;
  /** How a person reads the range, for messages. */
  text: string;
}

// The values each KPI can take (SPEC §2): a threshold outside them could never be crossed, or always is.
export const METRIC_RANGES: Readonly<Record<Metric, MetricRange>> = {
  NPS: { min: -100, max: 100, text: 'from -100 to 100' },
  CSAT: { min: 0, max: 100, text: 'from 0 to 100 (%)' },
  CES: { min: 1, max: 7, text: 'from 1 to 7' },
  SENTIMENT: { min: -1, max: 1, text: 'from -1 to 1' },
  VOLUME: { min: 0, max: Number.POSITIVE_INFINITY, text: '0 or more events' },
  REVENUE: { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY, text: 'any amount' },
  CONVERSION_RATE: { min: 0, max: 1, text: 'from 0 to 1 (a share of customers)' },
};

/** Why `value` cannot be a threshold of `metric`, or null when it can. */
export function thresholdValueProblem(metric: Metric, value: number): string | null {
  const range = METRIC_RANGES[metric];
  return value >= range.min && value <= range.max ? null : `a ${metric} threshold must be ${range.text}, got ${value}`;
}
