import type { AdditiveMetric, HeatmapCell, KpiAggregate, KpiPoint, KpiValue } from '@waymark/domain';
import { metricFromAggregate } from '@waymark/domain';
import type { RawRow } from './raw-queries.js';

const n = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

export function rawAggregate(row: RawRow | undefined): KpiAggregate {
  return {
    events: n(row?.['events']),
    npsResponses: n(row?.['nps_responses']),
    npsPromoters: n(row?.['nps_promoters']),
    npsDetractors: n(row?.['nps_detractors']),
    csatResponses: n(row?.['csat_responses']),
    csatSatisfied: n(row?.['csat_satisfied']),
    cesResponses: n(row?.['ces_responses']),
    cesSum: n(row?.['ces_sum']),
    sentimentResponses: n(row?.['sentiment_responses']),
    sentimentSum: n(row?.['sentiment_sum']),
    revenueEvents: n(row?.['revenue_events']),
    revenueSum: n(row?.['revenue_sum']),
  };
}

export function sameKpi(a: KpiValue | undefined, b: KpiValue | undefined): boolean {
  if (!a || !b || a.sampleSize !== b.sampleSize) return false;
  if (a.value === null || b.value === null) return a.value === b.value;
  return Math.abs(a.value - b.value) <= 1e-6 * Math.max(1, Math.abs(a.value));
}

export function tilesMatch(fast: Partial<Record<AdditiveMetric, KpiValue>>, raw: RawRow[], metrics: readonly AdditiveMetric[]): boolean {
  const agg = rawAggregate(raw[0]);
  return metrics.every((m) => sameKpi(fast[m], metricFromAggregate(m, agg)));
}

export function seriesMatch(fast: KpiPoint[], raw: RawRow[], metric: AdditiveMetric): boolean {
  const byBucket = new Map(raw.map((r) => [n(r['bucket_start']), rawAggregate(r)]));
  const covered = fast.filter((p) => byBucket.has(p.bucketStart.getTime())).length;
  const expected = (p: KpiPoint) => metricFromAggregate(metric, byBucket.get(p.bucketStart.getTime()) ?? rawAggregate(undefined));
  return covered === byBucket.size && fast.every((p) => sameKpi(p, expected(p)));
}

export function heatmapMatch(fast: HeatmapCell[], raw: RawRow[], metric: 'CSAT' | 'NPS'): boolean {
  const byCell = new Map(raw.map((r) => [`${String(r['stage_id'])}|${String(r['channel'])}`, rawAggregate(r)]));
  return fast.every((cell) => sameKpi(cell, metricFromAggregate(metric, byCell.get(`${cell.stageId}|${cell.channel}`) ?? rawAggregate(undefined))));
}
