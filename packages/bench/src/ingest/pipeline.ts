import { MockActivityEnvironment } from '@temporalio/testing';
import type { Db } from '@waymark/db';
import { createPluginRegistry } from '@waymark/plugin-host';
import { createPluginSyncActivities, ingestHostPage } from '@waymark/workflows';
import type { IngestPage, PluginSyncActivities, SyncTotals } from '@waymark/workflows';
import { syntheticPlugin } from './synthetic-source.js';

const STREAM = 'events';

type SyncPageResult = Awaited<ReturnType<PluginSyncActivities['syncPage']>>;

export interface SyncDriver {
  /**
   * Stores up to `pages` more pages, from the committed cursor, with the sync workflow's own
   * activity (`syncPage`): pages pulled one ahead through the plugin host, ingested, cursor and
   * counters committed per page. Returns the sync run's totals.
   */
  sync(pages: number): Promise<SyncTotals>;
  /** Events of the synthetic source now stored. */
  count(): Promise<number>;
  /** Pages stored so far, and the milliseconds spent inside the ingestion of those pages. */
  ingestion(): { pages: number; ms: number };
}

// The sync's ingestion step, timed: what is left of a page's time is pulling, committing the
// cursor and waiting for the previous page's KPI fold.
function timedIngestion(): { ingestPage: IngestPage; totals: { pages: number; ms: number } } {
  const totals = { pages: 0, ms: 0 };
  const ingestPage: IngestPage = async (db, workspaceId, page, options) => {
    const start = performance.now();
    try {
      return await ingestHostPage(db, workspaceId, page, options);
    } finally {
      totals.ms += performance.now() - start;
      totals.pages += 1;
    }
  };
  return { ingestPage, totals };
}

interface Ids {
  workspaceId: string;
  integrationId: string;
  syncRunId: string;
}

async function createIntegration(db: Db, workspaceId: string, config: unknown): Promise<Ids> {
  const integration = await db.query<{ id: string }>(
    `INSERT INTO integrations (id, workspace_id, name, plugin_id, plugin_version, config, updated_at)
     VALUES (gen_random_uuid(), $1, 'Benchmark events', $2, $3, $4::jsonb, now()) RETURNING id`,
    [workspaceId, syntheticPlugin.id, syntheticPlugin.version, JSON.stringify(config)],
  );
  const integrationId = integration[0]?.id ?? '';
  const run = await db.query<{ id: string }>(
    `INSERT INTO sync_runs (id, workspace_id, integration_id, status) VALUES (gen_random_uuid(), $1, $2, 'RUNNING') RETURNING id`,
    [workspaceId, integrationId],
  );
  return { workspaceId, integrationId, syncRunId: run[0]?.id ?? '' };
}

/** An integration of the synthetic plugin, synced as a worker would, minus Temporal's scheduling. */
export async function openSyncDriver(db: Db, workspaceId: string, config: { total: number; pageSize: number }): Promise<SyncDriver> {
  const plugins = await createPluginRegistry({ plugins: [syntheticPlugin], bundled: false, appDir: false });
  const timed = timedIngestion();
  const activities = createPluginSyncActivities({ db, plugins, ingestPage: timed.ingestPage, decryptSecrets: () => ({}), pluginLogSink: () => undefined });
  const ids = await createIntegration(db, workspaceId, config);
  return {
    async sync(pages) {
      let left = pages;
      let result: SyncPageResult;
      // More than one call when a call stops at its time budget, as the workflow would call again.
      do {
        result = await new MockActivityEnvironment().run(activities.syncPage, { ...ids, stream: STREAM, maxPages: left });
        left -= result.pages ?? 1;
      } while (left > 0 && result.hasMore);
      return result.totals;
    },
    ingestion: () => ({ ...timed.totals }),
    async count() {
      const rows = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM events WHERE workspace_id = $1 AND source = $2', [workspaceId, syntheticPlugin.id]);
      return Number(rows[0]?.n ?? 0);
    },
  };
}
