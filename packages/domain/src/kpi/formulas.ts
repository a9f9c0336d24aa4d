import type { AdditiveMetric, EventKind, KpiValue } from './types.js';

// Additive counts per scope and period: what the rollup tables hold and the SQL fast path sums.
export interface KpiAggregate {
  events: number;
  npsResponses: number;
  npsPromoters: number;
  npsDetractors: number;
  csatResponses: number;
  csatSatisfied: number;
  cesResponses: number;
  cesSum: number;
  sentimentResponses: number;
  sentimentSum: number;
  revenueEvents: number;
  revenueSum: number;
}

export function emptyAggregate(): KpiAggregate {
  return {
    events: 0,
    npsResponses: 0,
    npsPromoters: 0,
    npsDetractors: 0,
    csatResponses: 0,
    csatSatisfied: 0,
    cesResponses: 0,
    cesSum: 0,
    sentimentResponses: 0,
    sentimentSum: 0,
    revenueEvents: 0,
    revenueSum: 0,
  };
}

export function addAggregates(a: KpiAggregate, b: KpiAggregate): KpiAggregate {
  return {
    events: a.events + b.events,
    npsResponses: a.npsResponses + b.npsResponses,
    npsPromoters: a.npsPromoters + b.npsPromoters,
    npsDetractors: a.npsDetractors + b.npsDetractors,
    csatResponses: a.csatResponses + b.csatResponses,
    csatSatisfied: a.csatSatisfied + b.csatSatisfied,
    cesResponses: a.cesResponses + b.cesResponses,
    cesSum: a.cesSum + b.cesSum,
    sentimentResponses: a.sentimentResponses + b.sentimentResponses,
    sentimentSum: a.sentimentSum + b.sentimentSum,
    revenueEvents: a.revenueEvents + b.revenueEvents,
    revenueSum: a.revenueSum + b.revenueSum,
  };
}

export interface ScoredEvent {
  kind: EventKind;
  value: number | null;
  csat: number | null;
  nps: number | null;
  ces: number | null;
  sentiment: number | null;
}

export const isPromoter = (nps: number): boolean => nps >= 9;
export const isDetractor = (nps: number): boolean => nps <= 6;
export const isSatisfied = (csat: number): boolean => csat >= 4;

// Signed contribution of one event to revenue: bookings and purchases add, cancellations subtract.
export function revenueContribution(kind: EventKind, value: number | null): number | null {
  if (value === null) return null;
  if (kind === 'BOOKING' || kind === 'PURCHASE') return value;
  if (kind === 'CANCELLATION') return -value;
  return null;
}

export function aggregateEvent(agg: KpiAggregate, e: ScoredEvent): void {
  agg.events += 1;
  if (e.nps !== null) {
    agg.npsResponses += 1;
    if (isPromoter(e.nps)) agg.npsPromoters += 1;
    if (isDetractor(e.nps)) agg.npsDetractors += 1;
  }
  if (e.csat !== null) {
    agg.csatResponses += 1;
    if (isSatisfied(e.csat)) agg.csatSatisfied += 1;
  }
  if (e.ces !== null) {
    agg.cesResponses += 1;
    agg.cesSum += e.ces;
  }
  if (e.sentiment !== null) {
    agg.sentimentResponses += 1;
    agg.sentimentSum += e.sentiment;
  }
  const revenue = revenueContribution(e.kind, e.value);
  if (revenue !== null) {
    agg.revenueEvents += 1;
    agg.revenueSum += revenue;
  }
}

export function aggregateEvents(events: Iterable<ScoredEvent>): KpiAggregate {
  const agg = emptyAggregate();
  for (const e of events) aggregateEvent(agg, e);
  return agg;
}

export function npsFromCounts(promoters: number, detractors: number, responses: number): number | null {
  return responses === 0 ? null : (100 * (promoters - detractors)) / responses;
}

export function csatFromCounts(satisfied: number, responses: number): number | null {
  return responses === 0 ? null : (100 * satisfied) / responses;
}

export function meanFromSum(sum: number, count: number): number | null {
  return count === 0 ? null : sum / count;
}

export function conversionRateFromCounts(converted: number, customers: number): KpiValue {
  return { value: customers === 0 ? null : converted / customers, sampleSize: customers };
}

// The value of an additive metric with its sample size (the events the formula ranges over).
export function metricFromAggregate(metric: AdditiveMetric, agg: KpiAggregate): KpiValue {
  switch (metric) {
    case 'NPS':
      return { value: npsFromCounts(agg.npsPromoters, agg.npsDetractors, agg.npsResponses), sampleSize: agg.npsResponses };
    case 'CSAT':
      return { value: csatFromCounts(agg.csatSatisfied, agg.csatResponses), sampleSize: agg.csatResponses };
    case 'CES':
      return { value: meanFromSum(agg.cesSum, agg.cesResponses), sampleSize: agg.cesResponses };
    case 'SENTIMENT':
      return { value: meanFromSum(agg.sentimentSum, agg.sentimentResponses), sampleSize: agg.sentimentResponses };
    case 'VOLUME':
      return { value: agg.events === 0 ? null : agg.events, sampleSize: agg.events };
    case 'REVENUE':
      return { value: agg.revenueEvents === 0 ? null : agg.revenueSum, sampleSize: agg.revenueEvents };
  }
}
