import type { KpiValue } from '@waymark/domain';
import { computeRoiFromRevenue, DAY_MS, KpiError } from '@waymark/domain';
import { kpiForScope } from './kpi.js';
import type { SqlDb } from './sql.js';
import { assertUuid, num } from './sql.js';

export interface RoiQuery {
  touchpointIds: readonly string[];
  startDate: Date;
  endDate: Date;
  cost: number;
  seed?: number;
}

export interface RoiReport {
  roi: number | null;
  incrementalRevenue: number;
  ciLow: number | null;
  ciHigh: number | null;
  kpiDeltas: { nps: number | null; csat: number | null; conversionRate: number | null };
}

// Revenue per 24-hour period counted from each window's start (the bootstrap's resampling unit).
async function dailyRevenue(db: SqlDb, workspaceId: string, touchpointIds: readonly string[], from: Date, to: Date): Promise<number[]> {
  const rows = await db.query<{ d: unknown; revenue: unknown }>(
    `SELECT floor(extract(epoch from (occurred_at - $3::timestamptz)) / 86400)::int AS d,
       sum(CASE WHEN kind IN ('BOOKING', 'PURCHASE') THEN value ELSE -value END)::float8 AS revenue
     FROM events WHERE workspace_id = $1::uuid AND touchpoint_id = ANY($2::uuid[])
       AND occurred_at >= $3::timestamptz AND occurred_at < $4::timestamptz
       AND kind IN ('BOOKING', 'PURCHASE', 'CANCELLATION') AND value IS NOT NULL
     GROUP BY 1`,
    [workspaceId, [...touchpointIds], from.toISOString(), to.toISOString()],
  );
  const periods = new Array<number>(Math.ceil((to.getTime() - from.getTime()) / DAY_MS)).fill(0);
  for (const row of rows) periods[num(row.d)] = num(row.revenue);
  return periods;
}

const delta = (after: KpiValue, before: KpiValue): number | null => (after.value === null || before.value === null ? null : after.value - before.value);

// ROI of an initiative per SPEC §2: evaluation [start, end) against the equal-length baseline before.
export async function computeRoi(db: SqlDb, workspaceId: string, query: RoiQuery): Promise<RoiReport> {
  assertUuid(workspaceId, 'workspaceId');
  if (query.touchpointIds.length === 0) throw new KpiError('INVALID_ARGUMENT', 'an initiative needs at least one touchpoint');
  const length = query.endDate.getTime() - query.startDate.getTime();
  if (!(length > 0)) throw new KpiError('INVALID_WINDOW', 'the initiative end date must be after its start date');
  const evaluation = { from: query.startDate, to: query.endDate };
  const baseline = { from: new Date(query.startDate.getTime() - length), to: query.startDate };
  const scope = { touchpointIds: query.touchpointIds };
  const [evaluationRevenue, baselineRevenue] = [
    await dailyRevenue(db, workspaceId, query.touchpointIds, evaluation.from, evaluation.to),
    await dailyRevenue(db, workspaceId, query.touchpointIds, baseline.from, baseline.to),
  ];
  const result = computeRoiFromRevenue({
    evaluationRevenue,
    baselineRevenue,
    evaluationLengthMs: length,
    baselineLengthMs: length,
    cost: query.cost,
    ...(query.seed === undefined ? {} : { seed: query.seed }),
  });
  const kpiDeltas = {
    nps: delta(await kpiForScope(db, workspaceId, 'NPS', scope, evaluation), await kpiForScope(db, workspaceId, 'NPS', scope, baseline)),
    csat: delta(await kpiForScope(db, workspaceId, 'CSAT', scope, evaluation), await kpiForScope(db, workspaceId, 'CSAT', scope, baseline)),
    conversionRate: delta(
      await kpiForScope(db, workspaceId, 'CONVERSION_RATE', scope, evaluation),
      await kpiForScope(db, workspaceId, 'CONVERSION_RATE', scope, baseline),
    ),
  };
  return { ...result, kpiDeltas };
}
