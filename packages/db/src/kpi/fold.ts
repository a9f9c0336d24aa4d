import type { SqlDb } from './sql.js';
import { assertUuid } from './sql.js';

// Events a deferred ingest wrote (the sync pipeline, IngestOptions.deferKpis) are recorded in
// kpi_rollup_pending (their ids, one row per insert statement) and applied to the rollups and
// kpi_customer_stages by kpi_fold_pending (migrations 20261201100000, 20261202100000).
// Every KPI read folds its workspace first, so answers stay exact.

/** Pending events one fold transaction claims: bounds its memory and how long it holds the lock. */
export const FOLD_CHUNK = 50_000;

/**
 * Applies every pending event of the workspace to the KPI pre-aggregates, one committed chunk at a
 * time, and returns how many it applied. Cheap when nothing is pending (one index probe).
 */
export async function foldPendingKpis(db: SqlDb, workspaceId: string): Promise<number> {
  assertUuid(workspaceId, 'workspaceId');
  let total = 0;
  for (;;) {
    const rows = await db.query<{ n: number }>('SELECT kpi_fold_pending($1::uuid, $2::int) AS n', [workspaceId, FOLD_CHUNK]);
    const n = rows[0]?.n ?? 0;
    total += n;
    if (n < FOLD_CHUNK) return total;
  }
}

/** How many of the workspace's events are written but not yet in its KPI pre-aggregates. */
export async function pendingKpiEvents(db: SqlDb, workspaceId: string): Promise<number> {
  assertUuid(workspaceId, 'workspaceId');
  const rows = await db.query<{ n: number }>('SELECT coalesce(sum(events), 0)::int AS n FROM kpi_rollup_pending WHERE workspace_id = $1::uuid', [workspaceId]);
  return rows[0]?.n ?? 0;
}
