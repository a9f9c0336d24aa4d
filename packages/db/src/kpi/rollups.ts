import type { SqlDb } from './sql.js';
import { assertUuid } from './sql.js';

const MEASURES = `count(*)::int, count(r.nps)::int, (count(*) FILTER (WHERE r.nps >= 9))::int, (count(*) FILTER (WHERE r.nps <= 6))::int,
  count(r.csat)::int, (count(*) FILTER (WHERE r.csat >= 4))::int, count(r.ces)::int, coalesce(sum(r.ces), 0)::float8,
  count(r.sentiment)::int, coalesce(sum(r.sentiment), 0)::float8,
  (count(r.value) FILTER (WHERE r.kind IN ('BOOKING', 'PURCHASE', 'CANCELLATION')))::int,
  coalesce(sum(CASE WHEN r.kind IN ('BOOKING', 'PURCHASE') THEN r.value WHEN r.kind = 'CANCELLATION' THEN -r.value END), 0)::float8`;

const COLUMNS =
  'events, nps_responses, nps_promoters, nps_detractors, csat_responses, csat_satisfied, ces_responses, ces_sum, sentiment_responses, sentiment_sum, revenue_events, revenue_sum';

// Re-derives a workspace's rollups from its events. The triggers keep rollups exact on their own;
// this is for repair, and for bulk loads that ran with the triggers disabled. Run it while the
// workspace's ingest is quiet: rows inserted during the rebuild may be counted twice.
export async function rebuildKpiRollups(db: SqlDb, workspaceId: string): Promise<void> {
  assertUuid(workspaceId, 'workspaceId');
  // Everything is re-derived from events, pending ones included.
  await db.query('DELETE FROM kpi_rollup_pending WHERE workspace_id = $1::uuid', [workspaceId]);
  await db.query('DELETE FROM kpi_rollup_slots WHERE workspace_id = $1::uuid', [workspaceId]);
  await db.query('DELETE FROM kpi_rollup_days WHERE workspace_id = $1::uuid', [workspaceId]);
  await db.query(
    `INSERT INTO kpi_rollup_slots (workspace_id, touchpoint_id, slot_start, ${COLUMNS})
     SELECT r.workspace_id, r.touchpoint_id, date_bin('15 minutes', r.occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), ${MEASURES}
     FROM events r WHERE r.workspace_id = $1::uuid GROUP BY 1, 2, 3`,
    [workspaceId],
  );
  await db.query(
    `INSERT INTO kpi_rollup_days (workspace_id, touchpoint_id, day, ${COLUMNS})
     SELECT r.workspace_id, r.touchpoint_id, (r.occurred_at AT TIME ZONE w.time_zone)::date, ${MEASURES}
     FROM events r JOIN workspaces w ON w.id = r.workspace_id WHERE r.workspace_id = $1::uuid GROUP BY 1, 2, 3`,
    [workspaceId],
  );
  await rebuildCustomerStages(db, workspaceId);
  await db.query('SELECT kpi_conversion_days_rebuild($1::uuid)', [workspaceId]);
}

// Each customer's first and last event per stage (the funnel's pre-aggregate), written in the order
// the funnel reads it (stage, customer): its index-only scans then walk the heap's visibility map
// in order instead of jumping between its pages for every row.
async function rebuildCustomerStages(db: SqlDb, workspaceId: string): Promise<void> {
  await db.query('DELETE FROM kpi_customer_stages WHERE workspace_id = $1::uuid', [workspaceId]);
  await db.query(
    `INSERT INTO kpi_customer_stages (workspace_id, customer_id, stage_id, first_at, last_at)
     SELECT e.workspace_id, e.customer_id, tp.stage_id, min(e.occurred_at), max(e.occurred_at)
     FROM events e JOIN touchpoints tp ON tp.id = e.touchpoint_id WHERE e.workspace_id = $1::uuid GROUP BY 1, 2, 3
     ORDER BY tp.stage_id, e.customer_id`,
    [workspaceId],
  );
}
