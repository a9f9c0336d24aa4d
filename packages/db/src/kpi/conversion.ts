import type { TimeWindow } from '@waymark/domain';
import { DEFAULT_CONVERSION_WINDOW_DAYS } from '@waymark/domain';
import type { Params } from './sql.js';
import { hoursInterval } from './sql.js';

// Customers in scope with their first in-scope event per group key (k), and whether they booked or
// purchased anywhere in the workspace from that moment up to the conversion window (inclusive).
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
  return `WITH firsts AS (
      SELECT ${keyCol}r.customer_id, min(r.occurred_at) AS first_at FROM events r
      WHERE r.workspace_id = ${workspace} AND r.touchpoint_id IN (${touchpointsSql})
        AND r.occurred_at >= ${p.add(window.from.toISOString(), 'timestamptz')} AND r.occurred_at < ${p.add(window.to.toISOString(), 'timestamptz')}
      GROUP BY ${groupBy})
    SELECT ${key === null ? '' : 'k, '}count(*)::float8 AS customers,
      (count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM events c WHERE c.workspace_id = ${workspace} AND c.customer_id = f.customer_id
          AND c.kind IN ('BOOKING', 'PURCHASE') AND c.occurred_at >= f.first_at AND c.occurred_at <= f.first_at + ${interval})))::float8 AS converted
    FROM firsts f${key === null ? '' : ' GROUP BY k'}`;
}
