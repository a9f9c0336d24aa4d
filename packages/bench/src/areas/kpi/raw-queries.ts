import type { Db, SqlDb } from '@waymark/db';

// The baselines: the same answers computed by plain SQL aggregates over the raw events table.
const MEASURES = `count(*)::float8 AS events,
  count(e.nps)::float8 AS nps_responses, (count(*) FILTER (WHERE e.nps >= 9))::float8 AS nps_promoters, (count(*) FILTER (WHERE e.nps <= 6))::float8 AS nps_detractors,
  count(e.csat)::float8 AS csat_responses, (count(*) FILTER (WHERE e.csat >= 4))::float8 AS csat_satisfied,
  count(e.ces)::float8 AS ces_responses, coalesce(sum(e.ces), 0)::float8 AS ces_sum,
  count(e.sentiment)::float8 AS sentiment_responses, coalesce(sum(e.sentiment), 0)::float8 AS sentiment_sum,
  (count(e.value) FILTER (WHERE e.kind IN ('BOOKING', 'PURCHASE', 'CANCELLATION')))::float8 AS revenue_events,
  coalesce(sum(CASE WHEN e.kind IN ('BOOKING', 'PURCHASE') THEN e.value WHEN e.kind = 'CANCELLATION' THEN -e.value END), 0)::float8 AS revenue_sum`;

const JOURNEY_EVENTS = `events e JOIN touchpoints t ON t.id = e.touchpoint_id JOIN stages s ON s.id = t.stage_id
  WHERE e.workspace_id = $1::uuid AND s.journey_id = $2::uuid AND e.occurred_at >= $3::timestamptz AND e.occurred_at < $4::timestamptz`;

export type RawRow = Record<string, unknown>;

export function rawTiles(db: SqlDb, workspaceId: string, journeyId: string, from: Date, to: Date): Promise<RawRow[]> {
  return db.query(`SELECT ${MEASURES} FROM ${JOURNEY_EVENTS}`, [workspaceId, journeyId, from.toISOString(), to.toISOString()]);
}

export function rawDailySeries(db: SqlDb, workspaceId: string, journeyId: string, from: Date, to: Date): Promise<RawRow[]> {
  return db.query(
    `SELECT (extract(epoch from date_trunc('day', e.occurred_at AT TIME ZONE w.time_zone) AT TIME ZONE w.time_zone) * 1000)::float8 AS bucket_start, ${MEASURES}
     FROM ${JOURNEY_EVENTS.replace('WHERE', 'JOIN workspaces w ON w.id = e.workspace_id WHERE')} GROUP BY 1 ORDER BY 1`,
    [workspaceId, journeyId, from.toISOString(), to.toISOString()],
  );
}

export function rawHeatmap(db: SqlDb, workspaceId: string, journeyId: string, from: Date, to: Date): Promise<RawRow[]> {
  return db.query(`SELECT t.stage_id, t.channel, ${MEASURES} FROM ${JOURNEY_EVENTS} GROUP BY 1, 2`, [workspaceId, journeyId, from.toISOString(), to.toISOString()]);
}

// The conversion tile from raw events (the engine's per-customer SQL before kpi_conversion_days):
// each customer's first journey event in the window, and a booking or purchase anywhere in the
// workspace from then up to the conversion window. JIT off, as the engine ran it.
export async function rawConversion(db: Db, workspaceId: string, journeyId: string, from: Date, to: Date, days: number): Promise<{ customers: number; converted: number }> {
  const rows = await db.transaction(async (tx) => {
    await tx.query("SELECT set_config('jit', 'off', true)");
    return tx.query<{ customers: unknown; converted: unknown }>(
      `WITH firsts AS (
         SELECT e.customer_id, min(e.occurred_at) AS first_at FROM events e
         WHERE e.workspace_id = $1::uuid AND e.occurred_at >= $3::timestamptz AND e.occurred_at < $4::timestamptz
           AND e.touchpoint_id IN (SELECT t.id FROM touchpoints t JOIN stages s ON s.id = t.stage_id WHERE t.workspace_id = $1::uuid AND s.journey_id = $2::uuid)
         GROUP BY 1),
       conversions AS (
         SELECT c.customer_id, c.occurred_at FROM events c
         WHERE c.workspace_id = $1::uuid AND c.kind IN ('BOOKING', 'PURCHASE') AND c.occurred_at >= $3::timestamptz
           AND c.occurred_at <= $4::timestamptz + make_interval(hours => $5::int))
       SELECT (SELECT count(*) FROM firsts)::float8 AS customers,
         (SELECT count(DISTINCT f.customer_id) FROM firsts f JOIN conversions c
            ON c.customer_id = f.customer_id AND c.occurred_at >= f.first_at AND c.occurred_at <= f.first_at + make_interval(hours => $5::int))::float8 AS converted`,
      [workspaceId, journeyId, from.toISOString(), to.toISOString(), days * 24],
    );
  });
  return { customers: Number(rows[0]?.customers ?? -1), converted: Number(rows[0]?.converted ?? -1) };
}
