// Shared KPI vocabulary used by the maths here, the SQL fast path in @waymark/db and the API.
export const METRICS = ['NPS', 'CSAT', 'CES', 'SENTIMENT', 'VOLUME', 'REVENUE', 'CONVERSION_RATE'] as const;
export type Metric = (typeof METRICS)[number];

/** Metrics answered from additive per-touchpoint counts (everything except conversion). */
export type AdditiveMetric = Exclude<Metric, 'CONVERSION_RATE'>;

export const BUCKETS = ['DAY', 'WEEK', 'MONTH'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const ATTRIBUTION_MODELS = ['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export const EVENT_KINDS = [
  'VIEW',
  'CLICK',
  'INQUIRY',
  'INTERACTION',
  'BOOKING',
  'PURCHASE',
  'CANCELLATION',
  'SURVEY',
  'REVIEW',
  'MENTION',
  'COMPLAINT',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Every given field narrows the scope (they combine with AND); no field means the whole workspace. */
export interface KpiScope {
  journeyId?: string;
  stageId?: string;
  touchpointId?: string;
  channel?: string;
}

/** Half-open window [from, to) on occurredAt. */
export interface TimeWindow {
  from: Date;
  to: Date;
}

export interface KpiValue {
  value: number | null;
  sampleSize: number;
}

export interface KpiPoint extends KpiValue {
  bucketStart: Date;
}

export interface FunnelStep {
  stageId: string;
  reached: number;
  conversionFromPrevious: number | null;
  dropOff: number | null;
}

export interface TouchpointRevenue {
  touchpointId: string;
  revenue: number;
  conversions: number;
}

export interface HeatmapCell {
  stageId: string;
  channel: string;
  value: number | null;
  sampleSize: number;
}

export const DEFAULT_CONVERSION_WINDOW_DAYS = 30;
export const TIME_DECAY_HALF_LIFE_DAYS = 7;
export const DAY_MS = 86_400_000;

export const CONVERSION_KINDS: readonly EventKind[] = ['BOOKING', 'PURCHASE'];
