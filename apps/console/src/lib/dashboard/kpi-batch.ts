import type { Bucket, KpiPoint, KpiScope, KpiValue, Metric, TimeWindow } from '$lib/graphql/types.js';
import { operation } from '$lib/graphql/operation.js';

export const TILE_METRICS = ['NPS', 'CSAT', 'CES', 'CONVERSION_RATE', 'REVENUE'] as const satisfies readonly Metric[];
export type TileMetric = (typeof TILE_METRICS)[number];

type Alias<K extends string, S extends string> = `${Lowercase<K>}_${S}`;
export type DashboardKpis = { [K in TileMetric as Alias<K, 'now'>]: KpiValue } & {
  [K in TileMetric as Alias<K, 'prev'>]: KpiValue;
} & { [K in TileMetric as Alias<K, 'series'>]: KpiPoint[] };

function fields(metric: TileMetric): string {
  const alias = metric.toLowerCase();
  return `${alias}_now: kpi(metric: ${metric}, scope: $scope, window: $current) { metric value sampleSize }
  ${alias}_prev: kpi(metric: ${metric}, scope: $scope, window: $previous) { metric value sampleSize }
  ${alias}_series: kpiSeries(metric: ${metric}, scope: $scope, window: $current, bucket: $bucket) { bucketStart value sampleSize }`;
}

// One round trip for every tile: current value, previous period and the sparkline series.
export const DASHBOARD_KPIS = operation<
  DashboardKpis,
  { scope: KpiScope; current: TimeWindow; previous: TimeWindow; bucket: Bucket }
>(
  'DashboardKpis',
  `query DashboardKpis($scope: KpiScope!, $current: TimeWindow!, $previous: TimeWindow!, $bucket: Bucket!) {
  ${TILE_METRICS.map(fields).join('\n  ')}
}`,
);

export interface TileData {
  metric: TileMetric;
  current: KpiValue;
  previous: KpiValue;
  series: KpiPoint[];
}

export function tilesOf(data: DashboardKpis): TileData[] {
  return [
    { metric: 'NPS', current: data.nps_now, previous: data.nps_prev, series: data.nps_series },
    { metric: 'CSAT', current: data.csat_now, previous: data.csat_prev, series: data.csat_series },
    { metric: 'CES', current: data.ces_now, previous: data.ces_prev, series: data.ces_series },
    { metric: 'CONVERSION_RATE', current: data.conversion_rate_now, previous: data.conversion_rate_prev, series: data.conversion_rate_series },
    { metric: 'REVENUE', current: data.revenue_now, previous: data.revenue_prev, series: data.revenue_series },
  ];
}
