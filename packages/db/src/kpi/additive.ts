import type { KpiAggregate } from '@waymark/domain';
import type { WindowPlan } from './plan.js';
import type { Params } from './sql.js';
import { num } from './sql.js';

export type Grouping = { kind: 'total' } | { kind: 'bucket'; unit: 'day' | 'week' | 'month' } | { kind: 'touchpoint' };

const ROLLUP_MEASURES = [
  'events',
  'nps_responses',
  'nps_promoters',
  'nps_detractors',
  'csat_responses',
  'csat_satisfied',
  'ces_responses',
  'ces_sum',
  'sentiment_responses',
  'sentiment_sum',
  'revenue_events',
  'revenue_sum',
] as const;

// The same measures straight from events (must match the trigger in the kpi_rollups migration).
const RAW_MEASURES = [
  'count(*)',
  'count(r.nps)',
  'count(*) FILTER (WHERE r.nps >= 9)',
  'count(*) FILTER (WHERE r.nps <= 6)',
  'count(r.csat)',
  'count(*) FILTER (WHERE r.csat >= 4)',
  'count(r.ces)',
  'coalesce(sum(r.ces), 0)',
  'count(r.sentiment)',
  'coalesce(sum(r.sentiment), 0)',
  "count(r.value) FILTER (WHERE r.kind IN ('BOOKING', 'PURCHASE', 'CANCELLATION'))",
  "coalesce(sum(CASE WHEN r.kind IN ('BOOKING', 'PURCHASE') THEN r.value WHEN r.kind = 'CANCELLATION' THEN -r.value END), 0)",
];

const selectList = (measures: readonly string[]): string => measures.map((m, i) => `(${m})::float8 AS ${ROLLUP_MEASURES[i] ?? 'x'}`).join(', ');

function keyExpr(grouping: Grouping, source: 'day' | 'slot' | 'raw', tz: () => string): string | null {
  if (grouping.kind === 'total') return null;
  if (grouping.kind === 'touchpoint') return 'r.touchpoint_id';
  const local = source === 'day' ? 'r.day::timestamp' : source === 'slot' ? `r.slot_start AT TIME ZONE ${tz()}` : `r.occurred_at AT TIME ZONE ${tz()}`;
  return `date_trunc('${grouping.unit}', ${local})`;
}

function piece(table: string, key: string | null, measures: string[], where: string[]): string {
  const keyCol = key === null ? '' : `${key} AS k, `;
  const groupBy = key === null ? '' : ' GROUP BY 1';
  return `SELECT ${keyCol}${selectList(measures)} FROM ${table} r WHERE ${where.join(' AND ')}${groupBy}`;
}

// One statement summing the rollup and raw pieces of a window plan, grouped as asked; column k is
// the group key (absent for a total).
export function additiveSql(p: Params, plan: WindowPlan, workspace: string, touchpointsSql: string, grouping: Grouping): string {
  // Only bind the time zone when a piece uses it: an unused parameter has no type in PostgreSQL.
  let tzParam: string | null = null;
  const tz = () => (tzParam ??= p.add(plan.timeZone, 'text'));
  const scope = [`r.workspace_id = ${workspace}`, `r.touchpoint_id IN (${touchpointsSql})`];
  const rollupMeasures = ROLLUP_MEASURES.map((m) => `sum(r.${m})`);
  const pieces: string[] = [];
  if (plan.days) {
    const where = [...scope, `r.day >= ${p.add(plan.days.first, 'date')}`, `r.day < ${p.add(plan.days.end, 'date')}`];
    pieces.push(piece('kpi_rollup_days', keyExpr(grouping, 'day', tz), rollupMeasures, where));
  }
  for (const slot of plan.slots) {
    const where = [...scope, `r.slot_start >= ${p.add(slot.from.toISOString(), 'timestamptz')}`, `r.slot_start < ${p.add(slot.to.toISOString(), 'timestamptz')}`];
    pieces.push(piece('kpi_rollup_slots', keyExpr(grouping, 'slot', tz), rollupMeasures, where));
  }
  for (const raw of plan.raw) {
    const where = [...scope, `r.occurred_at >= ${p.add(raw.from.toISOString(), 'timestamptz')}`, `r.occurred_at < ${p.add(raw.to.toISOString(), 'timestamptz')}`];
    pieces.push(piece('events', keyExpr(grouping, 'raw', tz), RAW_MEASURES, where));
  }
  const key = grouping.kind === 'total' ? '' : 'k, ';
  const sums = ROLLUP_MEASURES.map((m) => `coalesce(sum(${m}), 0)::float8 AS ${m}`).join(', ');
  const groupBy = grouping.kind === 'total' ? '' : ' GROUP BY k';
  return `SELECT ${key}${sums} FROM (${pieces.join(' UNION ALL ')}) pieces${groupBy}`;
}

export type MeasureRow = Record<(typeof ROLLUP_MEASURES)[number], unknown>;

export function toAggregate(row: MeasureRow | undefined): KpiAggregate {
  return {
    events: num(row?.events),
    npsResponses: num(row?.nps_responses),
    npsPromoters: num(row?.nps_promoters),
    npsDetractors: num(row?.nps_detractors),
    csatResponses: num(row?.csat_responses),
    csatSatisfied: num(row?.csat_satisfied),
    cesResponses: num(row?.ces_responses),
    cesSum: num(row?.ces_sum),
    sentimentResponses: num(row?.sentiment_responses),
    sentimentSum: num(row?.sentiment_sum),
    revenueEvents: num(row?.revenue_events),
    revenueSum: num(row?.revenue_sum),
  };
}
