// Naive in-memory computation of every KPI straight from the definitions in SPEC §2. Slow on
// purpose: it is the oracle the fast SQL path is property-tested against.
import type { AttributableConversion } from './attribution.js';
import { attributeRevenue } from './attribution.js';
import type { ScoredEvent } from './formulas.js';
import { aggregateEvents, conversionRateFromCounts, metricFromAggregate } from './formulas.js';
import type { StageTouch } from './funnel.js';
import { funnelFromTouches } from './funnel.js';
import type {
  AttributionModel,
  Bucket,
  FunnelStep,
  HeatmapCell,
  KpiPoint,
  KpiScope,
  KpiValue,
  Metric,
  TimeWindow,
  TouchpointRevenue,
} from './types.js';
import { CONVERSION_KINDS, DAY_MS, DEFAULT_CONVERSION_WINDOW_DAYS } from './types.js';
import { bucketStarts, nextBucketStart } from './zoned-time.js';

export interface ReferenceEvent extends ScoredEvent {
  /** Insertion order; breaks ties between events at the same instant. */
  seq: number;
  touchpointId: string;
  customerId: string;
  occurredAt: Date;
}

export interface ReferenceCatalog {
  stages: readonly { id: string; journeyId: string; position: number }[];
  touchpoints: readonly { id: string; stageId: string; channel: string }[];
}

export function scopeTouchpointIds(catalog: ReferenceCatalog, scope: KpiScope): Set<string> {
  const journeyOf = new Map(catalog.stages.map((s) => [s.id, s.journeyId]));
  return new Set(
    catalog.touchpoints
      .filter((t) => scope.touchpointId === undefined || t.id === scope.touchpointId)
      .filter((t) => scope.stageId === undefined || t.stageId === scope.stageId)
      .filter((t) => scope.channel === undefined || t.channel === scope.channel)
      .filter((t) => scope.journeyId === undefined || journeyOf.get(t.stageId) === scope.journeyId)
      .map((t) => t.id),
  );
}

const inWindow = (at: number, from: number, to: number): boolean => at >= from && at < to;

function conversionOf(events: readonly ReferenceEvent[], touchpoints: Set<string>, from: number, to: number, days: number): KpiValue {
  const firstAt = new Map<string, number>();
  for (const e of events) {
    const at = e.occurredAt.getTime();
    if (!touchpoints.has(e.touchpointId) || !inWindow(at, from, to)) continue;
    firstAt.set(e.customerId, Math.min(at, firstAt.get(e.customerId) ?? Number.POSITIVE_INFINITY));
  }
  let converted = 0;
  for (const [customerId, first] of firstAt) {
    const limit = first + days * DAY_MS;
    const hit = events.some(
      (e) => e.customerId === customerId && CONVERSION_KINDS.includes(e.kind) && e.occurredAt.getTime() >= first && e.occurredAt.getTime() <= limit,
    );
    if (hit) converted += 1;
  }
  return conversionRateFromCounts(converted, firstAt.size);
}

export interface ReferenceKpiQuery {
  metric: Metric;
  scope: KpiScope;
  window: TimeWindow;
  conversionWindowDays?: number;
}

export function referenceKpi(events: readonly ReferenceEvent[], catalog: ReferenceCatalog, query: ReferenceKpiQuery): KpiValue {
  const touchpoints = scopeTouchpointIds(catalog, query.scope);
  return kpiOverTouchpoints(events, touchpoints, query.metric, query.window.from.getTime(), query.window.to.getTime(), query.conversionWindowDays);
}

function kpiOverTouchpoints(
  events: readonly ReferenceEvent[],
  touchpoints: Set<string>,
  metric: Metric,
  from: number,
  to: number,
  conversionWindowDays = DEFAULT_CONVERSION_WINDOW_DAYS,
): KpiValue {
  if (metric === 'CONVERSION_RATE') return conversionOf(events, touchpoints, from, to, conversionWindowDays);
  const selected = events.filter((e) => touchpoints.has(e.touchpointId) && inWindow(e.occurredAt.getTime(), from, to));
  return metricFromAggregate(metric, aggregateEvents(selected));
}

// Each bucket covers its intersection with the window; every intersecting bucket is listed.
export function referenceSeries(
  events: readonly ReferenceEvent[],
  catalog: ReferenceCatalog,
  query: ReferenceKpiQuery & { bucket: Bucket; timeZone: string },
): KpiPoint[] {
  const touchpoints = scopeTouchpointIds(catalog, query.scope);
  const from = query.window.from.getTime();
  const to = query.window.to.getTime();
  return bucketStarts(from, to, query.bucket, query.timeZone).map((start) => {
    const end = nextBucketStart(start, query.bucket, query.timeZone);
    const kpi = kpiOverTouchpoints(events, touchpoints, query.metric, Math.max(start, from), Math.min(end, to), query.conversionWindowDays);
    return { bucketStart: new Date(start), ...kpi };
  });
}

function journeyStages(catalog: ReferenceCatalog, journeyId: string): { id: string }[] {
  return catalog.stages.filter((s) => s.journeyId === journeyId).sort((a, b) => a.position - b.position);
}

export function referenceFunnel(
  events: readonly ReferenceEvent[],
  catalog: ReferenceCatalog,
  query: { journeyId: string; window: TimeWindow; conversionWindowDays: number },
): FunnelStep[] {
  const stages = journeyStages(catalog, query.journeyId);
  const stageIndex = new Map(stages.map((s, i) => [s.id, i]));
  const touchpointStage = new Map(catalog.touchpoints.map((t) => [t.id, stageIndex.get(t.stageId)]));
  const perCustomer = new Map<string, StageTouch[]>();
  for (const e of events) {
    const stage = touchpointStage.get(e.touchpointId);
    if (stage === undefined) continue;
    const list = perCustomer.get(e.customerId) ?? [];
    list.push({ stage, at: e.occurredAt.getTime() });
    perCustomer.set(e.customerId, list);
  }
  return funnelFromTouches(stages.map((s) => s.id), perCustomer.values(), query.window, query.conversionWindowDays);
}

const bySeq = (a: ReferenceEvent, b: ReferenceEvent): number => a.occurredAt.getTime() - b.occurredAt.getTime() || a.seq - b.seq;

// Conversions (bookings/purchases with a value, anywhere, in the window) credited to the journey
// touchpoints the customer met in the conversion window up to and including the conversion.
export function referenceAttribution(
  events: readonly ReferenceEvent[],
  catalog: ReferenceCatalog,
  query: { journeyId: string; window: TimeWindow; model: AttributionModel; conversionWindowDays?: number },
): TouchpointRevenue[] {
  const touchpoints = scopeTouchpointIds(catalog, { journeyId: query.journeyId });
  const lookBack = (query.conversionWindowDays ?? DEFAULT_CONVERSION_WINDOW_DAYS) * DAY_MS;
  const from = query.window.from.getTime();
  const to = query.window.to.getTime();
  const sorted = [...events].sort(bySeq);
  const conversions: AttributableConversion[] = sorted
    .filter((c) => CONVERSION_KINDS.includes(c.kind) && c.value !== null && inWindow(c.occurredAt.getTime(), from, to))
    .map((c) => {
      const at = c.occurredAt.getTime();
      const touches = sorted
        .filter((e) => e.customerId === c.customerId && touchpoints.has(e.touchpointId))
        .filter((e) => e.occurredAt.getTime() >= at - lookBack && bySeq(e, c) <= 0)
        .map((e) => ({ touchpointId: e.touchpointId, at: e.occurredAt.getTime() }));
      return { at, value: c.value ?? 0, touches };
    });
  return attributeRevenue(query.model, conversions);
}

// CSAT or NPS per (stage, channel) of the journey's touchpoints.
export function referenceHeatmap(
  events: readonly ReferenceEvent[],
  catalog: ReferenceCatalog,
  query: { journeyId: string; window: TimeWindow; metric: 'CSAT' | 'NPS' },
): HeatmapCell[] {
  const cells: HeatmapCell[] = [];
  for (const stage of journeyStages(catalog, query.journeyId)) {
    const channels = [...new Set(catalog.touchpoints.filter((t) => t.stageId === stage.id).map((t) => t.channel))].sort();
    for (const channel of channels) {
      const kpi = referenceKpi(events, catalog, { metric: query.metric, scope: { stageId: stage.id, channel }, window: query.window });
      cells.push({ stageId: stage.id, channel, ...kpi });
    }
  }
  return cells;
}
