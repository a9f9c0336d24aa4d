import type { Db } from '../client/db.js';
import { DbError } from '../client/db.js';
import { assertWorkspaceId } from '../scoping/workspace-scope.js';
import { scrubContactRefs } from './scrub-payload.js';

// Records a plugin refused itself (a CSV row without a date, an event its host check failed), kept
// for review once per sync run (or once, for a webhook's): a page pulled again after a restart, or
// a delivery sent again, does not list them twice.

export interface RejectedRecordInput {
  externalId?: string | null;
  reason: string;
  payload?: unknown;
}

export async function keepRejectedRecords(db: Db, workspaceId: string, records: readonly RejectedRecordInput[], options: { syncRunId?: string | null; source: string }): Promise<void> {
  assertWorkspaceId(workspaceId);
  if (records.length === 0) return;
  const [ws] = await db.query<{ store_raw_contacts: boolean }>('SELECT store_raw_contacts FROM workspaces WHERE id = $1', [workspaceId]);
  if (!ws) throw new DbError('NOT_FOUND', `workspace ${workspaceId} does not exist`);
  const payloads = records.map((r) => JSON.stringify(scrubContactRefs(r.payload ?? null, ws.store_raw_contacts)));
  // `=` or IS NULL, not IS NOT DISTINCT FROM: both can use the (workspace_id, sync_run_id) index.
  const sameRun = options.syncRunId ? 'r.sync_run_id = $3::uuid' : 'r.sync_run_id IS NULL';
  await db.query(
    `INSERT INTO rejected_events (workspace_id, source, external_id, row_index, reason, payload, sync_run_id)
     SELECT DISTINCT ON (t.external_id, t.reason, t.payload) $1::uuid, $2, t.external_id, t.row_index, t.reason, t.payload, $3::uuid
     FROM unnest($4::text[], $5::int[], $6::text[], $7::jsonb[]) AS t(external_id, row_index, reason, payload)
     WHERE NOT EXISTS (SELECT 1 FROM rejected_events r WHERE r.workspace_id = $1::uuid AND ${sameRun} AND r.source = $2
       AND r.external_id IS NOT DISTINCT FROM t.external_id AND r.reason = t.reason AND r.payload IS NOT DISTINCT FROM t.payload)
     ORDER BY t.external_id, t.reason, t.payload, t.row_index`,
    [workspaceId, options.source, options.syncRunId ?? null, records.map((r) => r.externalId ?? null), records.map((_r, i) => i), records.map((r) => r.reason), payloads],
  );
}
