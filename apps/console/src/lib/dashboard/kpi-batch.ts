import type { Bucket, KpiPoint, KpiScope, KpiValue, Metric, TimeWindow } from '$lib/graphql/types.js';
import { operation, type Operation } from '$lib/graphql/operation.js';

export const TILE_METRICS = ['NPS', 'CSAT', 'CES', 'CONVERSION_RATE', 'REVENUE'] as const satisfies readonly Metric[];
export type TileMetric = (typeof TILE_METRICS)[number];

export interface TileKpis {
  current: KpiValue;
  previous: KpiValue;
  series: KpiPoint[];
}

export type TileVariables = { scope: KpiScope; current: TimeWindow; previous: TimeWindow; bucket: Bucket };

// One round trip per tile (value, previous period, sparkline), so a slow metric delays only its own tile.
export function tileOperation(metric: TileMetric): Operation<TileKpis, TileVariables> {
  return operation<TileKpis, TileVariables>(
    `Tile${metric}`,
    `query Tile${metric}($scope: KpiScope!, $current: TimeWindow!, $previous: TimeWindow!, $bucket: Bucket!) {
  current: kpi(metric: ${metric}, scope: $scope, window: $current) { metric value sampleSize }
  previous: kpi(metric: ${metric}, scope: $scope, window: $previous) { metric value sampleSize }
  series: kpiSeries(metric: ${metric}, scope: $scope, window: $current, bucket: $bucket) { bucketStart value sampleSize }
}`,
  );
}

export interface TileData extends TileKpis {
  metric: TileMetric;
}
