import type { Db } from '@waymark/db';
import { ingestEvents, ingestLinks } from '@waymark/db';
import type { IngestPage, IngestSummary } from './activities.js';

// Stores a validated plugin page: identity links, events (idempotent on source + externalId), and
// the rows the plugin itself refused, kept once per sync run for review. The KPI pre-aggregates are
// folded by the caller (storePages) on another connection while the next page is written.
export const ingestHostPage: IngestPage = async (db, workspaceId, page, options): Promise<IngestSummary> => {
  if (page.links.length > 0) await ingestLinks(db, workspaceId, page.links);
  const result = await ingestEvents(db, workspaceId, page.events, { syncRunId: options.syncRunId, defaultSource: options.source, deferKpis: true });
  for (const [index, row] of page.rejected.entries()) await keepRejected(db, workspaceId, options, index, row);
  return { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected.length + page.rejected.length };
};

async function keepRejected(db: Db, workspaceId: string, options: { syncRunId: string; source: string }, index: number, row: { externalId?: string; reason: string; payload?: unknown }): Promise<void> {
  await db.query(
    `INSERT INTO rejected_events (workspace_id, source, external_id, row_index, reason, payload, sync_run_id)
     SELECT $1::uuid, $2, $3, $4, $5, $6::jsonb, $7::uuid
     WHERE NOT EXISTS (SELECT 1 FROM rejected_events WHERE workspace_id = $1::uuid AND sync_run_id = $7::uuid AND source = $2
       AND external_id IS NOT DISTINCT FROM $3 AND reason = $5 AND payload IS NOT DISTINCT FROM $6::jsonb)`,
    [workspaceId, options.source, row.externalId ?? null, index, row.reason, JSON.stringify(row.payload ?? null), options.syncRunId],
  );
}
