import type { AttributionModel, TimeWindow, TouchpointRevenue } from '@waymark/domain';
import { ATTRIBUTION_MODELS, assertConversionWindowDays, assertWindow, DAY_MS, DEFAULT_CONVERSION_WINDOW_DAYS, KpiError, sortAttribution, TIME_DECAY_HALF_LIFE_DAYS } from '@waymark/domain';
import type { SqlDb } from './sql.js';
import { assertUuid, hoursInterval, num, Params, scopeSql } from './sql.js';

export interface AttributionQuery {
  journeyId: string;
  window: TimeWindow;
  model: AttributionModel;
  conversionWindowDays?: number;
}

const HALF_LIFE_SECONDS = (TIME_DECAY_HALF_LIFE_DAYS * DAY_MS) / 1000;

const WEIGHTS: Record<AttributionModel, string> = {
  FIRST_TOUCH: 'CASE WHEN row_number() OVER (PARTITION BY conv_id ORDER BY at, eid) = 1 THEN 1.0 ELSE 0.0 END',
  LAST_TOUCH: 'CASE WHEN row_number() OVER (PARTITION BY conv_id ORDER BY at DESC, eid DESC) = 1 THEN 1.0 ELSE 0.0 END',
  LINEAR: '1.0 / count(*) OVER (PARTITION BY conv_id)',
  TIME_DECAY: `power(0.5, extract(epoch from conv_at - at) / ${HALF_LIFE_SECONDS}) / sum(power(0.5, extract(epoch from conv_at - at) / ${HALF_LIFE_SECONDS})) OVER (PARTITION BY conv_id)`,
};

// Conversions: bookings/purchases with a value, anywhere in the workspace, inside the window.
// Touches: the customer's events at the journey's touchpoints from conversion − window up to and
// including the conversion (ties broken by event id).
export async function computeAttribution(db: SqlDb, workspaceId: string, query: AttributionQuery): Promise<TouchpointRevenue[]> {
  assertUuid(workspaceId, 'workspaceId');
  assertUuid(query.journeyId, 'journeyId');
  assertWindow(query.window);
  if (!ATTRIBUTION_MODELS.includes(query.model)) throw new KpiError('INVALID_ARGUMENT', `unknown attribution model "${query.model}"`);
  const days = query.conversionWindowDays ?? DEFAULT_CONVERSION_WINDOW_DAYS;
  assertConversionWindowDays(days);
  const p = new Params();
  const ws = p.add(workspaceId, 'uuid');
  const sql = `WITH conv AS (
      SELECT c.id, c.customer_id, c.occurred_at, c.value FROM events c
      WHERE c.workspace_id = ${ws} AND c.kind IN ('BOOKING', 'PURCHASE') AND c.value IS NOT NULL
        AND c.occurred_at >= ${p.add(query.window.from.toISOString(), 'timestamptz')} AND c.occurred_at < ${p.add(query.window.to.toISOString(), 'timestamptz')}),
    touches AS (
      SELECT c.id AS conv_id, c.value, c.occurred_at AS conv_at, e.touchpoint_id, e.occurred_at AS at, e.id AS eid
      FROM conv c JOIN events e ON e.workspace_id = ${ws} AND e.customer_id = c.customer_id
        AND e.touchpoint_id IN (${scopeSql(p, ws, { journeyId: query.journeyId })})
        AND e.occurred_at >= c.occurred_at - ${hoursInterval(p, days)}
        AND (e.occurred_at < c.occurred_at OR (e.occurred_at = c.occurred_at AND e.id <= c.id))),
    weighted AS (SELECT touchpoint_id, value, ${WEIGHTS[query.model]} AS w FROM touches)
    SELECT touchpoint_id, sum(w * value)::float8 AS revenue, sum(w)::float8 AS conversions
    FROM weighted WHERE w > 0 GROUP BY touchpoint_id`;
  const rows = await db.query<{ touchpoint_id: string; revenue: unknown; conversions: unknown }>(sql, p.values);
  return sortAttribution(rows.map((r) => ({ touchpointId: r.touchpoint_id, revenue: num(r.revenue), conversions: num(r.conversions) })));
}
