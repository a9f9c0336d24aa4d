import type { Db, SqlRunner } from '../client/db.js';
import { assertWorkspaceId } from '../scoping/workspace-scope.js';

export type IntegrationDelete =
  | { status: 'deleted'; name: string; syncRuns: number; rejectedRows: number }
  | { status: 'not-found' }
  | { status: 'syncing'; name: string; runs: number };

// Refused while one of its syncs is queued or running: the workflow would fail half-way. The row is
// locked first, so a sync run being created meanwhile waits (its foreign-key check) and then fails
// rather than running for a deleted integration. Its sync runs go by cascade, and the rows they
// refused with them (nobody can retry them without the integration); the events it stored stay.
export function deleteIntegration(db: Db, workspaceId: string, id: string): Promise<IntegrationDelete> {
  assertWorkspaceId(workspaceId);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ name: string }>('SELECT name FROM integrations WHERE id = $1::uuid AND workspace_id = $2::uuid FOR UPDATE', [id, workspaceId]);
    if (!row) return { status: 'not-found' };
    const runs = await activeSyncRuns(tx, workspaceId, id);
    if (runs > 0) return { status: 'syncing', name: row.name, runs };
    const [rejected] = await tx.query<{ n: number }>(
      `WITH gone AS (DELETE FROM rejected_events WHERE workspace_id = $1::uuid
         AND sync_run_id IN (SELECT id FROM sync_runs WHERE integration_id = $2::uuid) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [workspaceId, id],
    );
    const [deleted] = await tx.query<{ n: number }>(
      `WITH runs AS (SELECT count(*)::int AS n FROM sync_runs WHERE integration_id = $1::uuid)
       , gone AS (DELETE FROM integrations WHERE id = $1::uuid RETURNING 1)
       SELECT (SELECT n FROM runs) AS n FROM gone`,
      [id],
    );
    return { status: 'deleted', name: row.name, syncRuns: deleted?.n ?? 0, rejectedRows: rejected?.n ?? 0 };
  });
}

/** Sync runs of the integration that are QUEUED or RUNNING. */
export async function activeSyncRuns(sql: SqlRunner, workspaceId: string, integrationId: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sync_runs WHERE workspace_id = $1::uuid AND integration_id = $2::uuid AND status IN ('QUEUED', 'RUNNING')`,
    [workspaceId, integrationId],
  );
  return row?.n ?? 0;
}
