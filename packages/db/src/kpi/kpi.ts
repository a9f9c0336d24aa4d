import type { AdditiveMetric, Bucket, KpiPoint, KpiScope, KpiValue, Metric, TimeWindow } from '@waymark/domain';
import { assertWindow, conversionRateFromCounts, metricFromAggregate } from '@waymark/domain';
import type { MeasureRow } from './additive.js';
import { additiveSql, toAggregate } from './additive.js';
import { conversionSql } from './conversion.js';
import { conversionDaysSql, conversionUnit, utcDayWindow } from './conversion-days.js';
import { planWindow } from './plan.js';
import type { SqlDb, TouchpointScope } from './sql.js';
import { assertScope, assertUuid, epochMs, num, Params, queryPerCustomer, scopeSql } from './sql.js';

export interface KpiQuery {
  metric: Metric;
  scope: KpiScope;
  window: TimeWindow;
  conversionWindowDays?: number;
}

export interface KpiSeriesQuery extends KpiQuery {
  bucket: Bucket;
}

function validate(workspaceId: string, scope: TouchpointScope, window: TimeWindow): void {
  assertUuid(workspaceId, 'workspaceId');
  assertScope(scope);
  assertWindow(window);
}

// A KPI over any touchpoint scope (used by computeKpi and by ROI for initiative touchpoints).
export async function kpiForScope(db: SqlDb, workspaceId: string, metric: Metric, scope: TouchpointScope, window: TimeWindow, conversionWindowDays?: number): Promise<KpiValue> {
  validate(workspaceId, scope, window);
  const p = new Params();
  const ws = p.add(workspaceId, 'uuid');
  if (metric === 'CONVERSION_RATE') {
    const unit = conversionUnit(scope);
    const days = utcDayWindow(window);
    if (unit && days) {
      const fast = new Params();
      const rows = await db.query<{ enabled: unknown; customers: unknown; converted: unknown }>(conversionDaysSql(fast, fast.add(workspaceId, 'uuid'), unit, days, conversionWindowDays), fast.values);
      if (rows[0]?.enabled === true) return conversionRateFromCounts(num(rows[0].converted), num(rows[0].customers));
    }
    const rows = await queryPerCustomer<{ customers: unknown; converted: unknown }>(db, conversionSql(p, ws, scopeSql(p, ws, scope), window, null, conversionWindowDays), p.values);
    return conversionRateFromCounts(num(rows[0]?.converted), num(rows[0]?.customers));
  }
  const plan = await planWindow(db, workspaceId, window);
  const rows = await db.query<MeasureRow>(additiveSql(p, plan, ws, scopeSql(p, ws, scope), { kind: 'total' }), p.values);
  return metricFromAggregate(metric, toAggregate(rows[0]));
}

// Several additive KPIs of one scope and window from a single rollup read (dashboard tiles).
export async function computeKpis(
  db: SqlDb,
  workspaceId: string,
  query: { metrics: readonly AdditiveMetric[]; scope: KpiScope; window: TimeWindow },
): Promise<Partial<Record<AdditiveMetric, KpiValue>>> {
  validate(workspaceId, query.scope, query.window);
  const plan = await planWindow(db, workspaceId, query.window);
  const p = new Params();
  const ws = p.add(workspaceId, 'uuid');
  const rows = await db.query<MeasureRow>(additiveSql(p, plan, ws, scopeSql(p, ws, query.scope), { kind: 'total' }), p.values);
  const agg = toAggregate(rows[0]);
  return Object.fromEntries(query.metrics.map((metric) => [metric, metricFromAggregate(metric, agg)]));
}

export function computeKpi(db: SqlDb, workspaceId: string, query: KpiQuery): Promise<KpiValue> {
  return kpiForScope(db, workspaceId, query.metric, query.scope, query.window, query.conversionWindowDays);
}

const UNITS = { DAY: 'day', WEEK: 'week', MONTH: 'month' } as const;

// Every bucket (in the workspace time zone) that intersects the window, each over its intersection.
export async function computeKpiSeries(db: SqlDb, workspaceId: string, query: KpiSeriesQuery): Promise<KpiPoint[]> {
  validate(workspaceId, query.scope, query.window);
  const unit = UNITS[query.bucket];
  const plan = await planWindow(db, workspaceId, query.window);
  const p = new Params();
  const ws = p.add(workspaceId, 'uuid');
  const tps = scopeSql(p, ws, query.scope);
  const conversion = query.metric === 'CONVERSION_RATE';
  const tz = p.add(plan.timeZone, 'text');
  const values = conversion
    ? conversionSql(p, ws, tps, query.window, `date_trunc('${unit}', r.occurred_at AT TIME ZONE ${tz})`, query.conversionWindowDays)
    : additiveSql(p, plan, ws, tps, { kind: 'bucket', unit });
  const lf = `(${p.add(query.window.from.toISOString(), 'timestamptz')} AT TIME ZONE ${tz})`;
  const lt = `(${p.add(query.window.to.toISOString(), 'timestamptz')} AT TIME ZONE ${tz})`;
  const sql = `WITH v AS (${values}),
    b AS (SELECT g AS k FROM generate_series(date_trunc('${unit}', ${lf}), ${lt}, interval '1 ${unit}') g WHERE g < ${lt})
    SELECT ${epochMs(`b.k AT TIME ZONE ${tz}`)} AS bucket_start, v.* FROM b LEFT JOIN v ON v.k = b.k ORDER BY b.k`;
  type SeriesRow = MeasureRow & { bucket_start: unknown; customers: unknown; converted: unknown };
  const rows = conversion ? await queryPerCustomer<SeriesRow>(db, sql, p.values) : await db.query<SeriesRow>(sql, p.values);
  const metric = query.metric;
  return rows.map((row) => {
    const kpi = metric === 'CONVERSION_RATE' ? conversionRateFromCounts(num(row.converted), num(row.customers)) : metricFromAggregate(metric, toAggregate(row));
    return { bucketStart: new Date(num(row.bucket_start)), ...kpi };
  });
}
