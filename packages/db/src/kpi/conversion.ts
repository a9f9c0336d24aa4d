import type { TimeWindow } from '@waymark/domain';
import { DEFAULT_CONVERSION_WINDOW_DAYS } from '@waymark/domain';
import type { Params } from './sql.js';
import { hoursInterval } from './sql.js';

// Customers in scope with their first in-scope event per group key (k), and whether they booked or
// purchased anywhere in the workspace from that moment up to the conversion window (inclusive).
// Set-based: the window's conversions (bounded to [from, to + conversion window]) are hash-joined to
// the customers instead of probing each customer's history.
export function conversionSql(
  p: Params,
  workspace: string,
  touchpointsSql: string,
  window: TimeWindow,
  key: string | null,
  conversionWindowDays = DEFAULT_CONVERSION_WINDOW_DAYS,
): string {
  const keyCol = key === null ? '' : `${key} AS k, `;
  const groupBy = key === null ? 'r.customer_id' : '1, r.customer_id';
  const interval = hoursInterval(p, conversionWindowDays);
  const from = p.add(window.from.toISOString(), 'timestamptz');
  const to = p.add(window.to.toISOString(), 'timestamptz');
  const k = key === null ? '' : 'f.k, ';
  return `WITH firsts AS (
      SELECT ${keyCol}r.customer_id, min(r.occurred_at) AS first_at FROM events r
      WHERE r.workspace_id = ${workspace} AND r.touchpoint_id IN (${touchpointsSql}) AND r.occurred_at >= ${from} AND r.occurred_at < ${to}
      GROUP BY ${groupBy}),
    conversions AS (
      SELECT c.customer_id, c.occurred_at FROM events c
      WHERE c.workspace_id = ${workspace} AND c.kind IN ('BOOKING', 'PURCHASE') AND c.occurred_at >= ${from} AND c.occurred_at <= ${to} + ${interval}),
    converted AS (
      SELECT DISTINCT ${k}f.customer_id FROM firsts f JOIN conversions c
        ON c.customer_id = f.customer_id AND c.occurred_at >= f.first_at AND c.occurred_at <= f.first_at + ${interval})
    SELECT ${key === null ? '' : 'n.k, '}n.customers::float8 AS customers, coalesce(m.converted, 0)::float8 AS converted
    FROM (SELECT ${key === null ? '' : 'k, '}count(*) AS customers FROM firsts f${key === null ? '' : ' GROUP BY k'}) n
    LEFT JOIN (SELECT ${key === null ? '' : 'k, '}count(*) AS converted FROM converted f${key === null ? '' : ' GROUP BY k'}) m ${key === null ? 'ON true' : 'ON m.k = n.k'}`;
}
