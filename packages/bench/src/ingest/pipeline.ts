import { ingestEvents, ingestLinks } from '@waymark/db';
import type { Db } from '@waymark/db';
import type { HostPage } from '@waymark/plugin-host';

export interface DbSink {
  /** Ingests one page as the sync activity does: one ingestion call per committed page. */
  write(page: HostPage): Promise<void>;
  /** Events of this source now stored. */
  count(): Promise<number>;
}

export function openDbSink(db: Db, workspaceId: string, source: string): DbSink {
  return {
    async write(page) {
      const result = await ingestEvents(db, workspaceId, page.events, { defaultSource: source, batchSize: Math.max(1, page.events.length) });
      const first = result.rejected[0];
      if (first) throw new Error(`ingestion rejected ${result.rejected.length} benchmark events, e.g. ${first.externalId ?? '?'}: ${first.reason}`);
      if (page.links.length > 0) await ingestLinks(db, workspaceId, page.links);
    },
    async count() {
      const rows = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM events WHERE workspace_id = $1 AND source = $2', [workspaceId, source]);
      return Number(rows[0]?.n ?? 0);
    },
  };
}
