import { ingestEvents, ingestLinks, keepRejectedRecords } from '@waymark/db';
import type { IngestPage, IngestSummary } from './activities.js';

// Stores a validated plugin page: identity links, events (idempotent on source + externalId), and
// the rows the plugin itself refused, kept once per sync run for review. The KPI pre-aggregates are
// folded by the caller (storePages) on another connection while the next page is written.
export const ingestHostPage: IngestPage = async (db, workspaceId, page, options): Promise<IngestSummary> => {
  if (page.links.length > 0) await ingestLinks(db, workspaceId, page.links);
  const result = await ingestEvents(db, workspaceId, page.events, { syncRunId: options.syncRunId, defaultSource: options.source, deferKpis: true });
  await keepRejectedRecords(db, workspaceId, page.rejected, options);
  return { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected.length + page.rejected.length };
};
