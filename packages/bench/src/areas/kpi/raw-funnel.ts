import type { SqlDb } from '@waymark/db';

// The funnel's baseline: the same SPEC §2 answer from raw events, one CTE per step (the engine's
// query before the kpi_customer_stages pre-aggregate). Stage ids in position order.
export async function rawFunnel(db: SqlDb, workspaceId: string, stageIds: readonly string[], from: Date, to: Date, days: number): Promise<number[]> {
  const params: unknown[] = [workspaceId, from.toISOString(), to.toISOString(), days * 24, ...stageIds];
  const stageEvents = (k: number) =>
    `SELECT e.customer_id, e.occurred_at FROM events e WHERE e.workspace_id = $1::uuid
       AND e.touchpoint_id IN (SELECT id FROM touchpoints WHERE workspace_id = $1::uuid AND stage_id = $${k + 5}::uuid)`;
  const limit = 'make_interval(hours => $4::int)';
  const ctes = stageIds.map((_, k) =>
    k === 0
      ? `s0 AS (SELECT x.customer_id, min(x.occurred_at) AS entry, min(x.occurred_at) AS at
           FROM (${stageEvents(0)} AND e.occurred_at >= $2::timestamptz AND e.occurred_at < $3::timestamptz) x GROUP BY x.customer_id)`
      : `s${k} AS (SELECT prev.customer_id, prev.entry, min(x.occurred_at) AS at FROM s${k - 1} prev
           JOIN (${stageEvents(k)} AND e.occurred_at >= $2::timestamptz AND e.occurred_at <= $3::timestamptz + ${limit}) x
             ON x.customer_id = prev.customer_id AND x.occurred_at >= prev.at AND x.occurred_at <= prev.entry + ${limit}
           GROUP BY prev.customer_id, prev.entry)`,
  );
  const counts = stageIds.map((_, k) => `(SELECT count(*) FROM s${k})::float8 AS r${k}`);
  const rows = await db.query<Record<string, unknown>>(`WITH ${ctes.join(',\n')} SELECT ${counts.join(', ')}`, params);
  return stageIds.map((_, k) => Number(rows[0]?.[`r${k}`] ?? -1));
}
