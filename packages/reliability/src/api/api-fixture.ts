import pg from 'pg';
import type { RunningApi } from '../harness/platform.js';
import { migrate, startApi } from '../harness/platform.js';
import { startTemporalDevServer } from '../harness/temporal-dev-server.js';
import { CREATE_JOURNEY, graphql, RELIABILITY_JOURNEY } from '../harness/graphql.js';

export interface ApiFixture {
  api: RunningApi;
  db: pg.Client;
  workspaceId: string;
  close: () => Promise<void>;
}

// A migrated database, a Temporal dev server, the real API on both, and the reliability journey
// created through GraphQL.
export async function apiWithJourney(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiFixture> {
  migrate(databaseUrl);
  const temporal = await startTemporalDevServer();
  const api = await startApi(databaseUrl, { TEMPORAL_ADDRESS: temporal.address, ...env });
  const created = await graphql<{ createJourney: { id: string } }>(api.url, api.adminToken, CREATE_JOURNEY, { input: RELIABILITY_JOURNEY });
  if (!created.data?.createJourney) throw new Error(`createJourney failed: ${JSON.stringify(created)}\n${api.output()}`);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ workspace_id: string }>('SELECT workspace_id FROM journeys WHERE id = $1', [created.data.createJourney.id]);
  const workspaceId = rows[0]?.workspace_id;
  if (!workspaceId) throw new Error('the created journey has no workspace');
  // close() ends whichever client fixture.db holds then (a test may replace it after a restart).
  const fixture: ApiFixture = {
    api,
    db,
    workspaceId,
    close: async () => {
      await fixture.db.end();
      await api.stop();
      await temporal.stop();
    },
  };
  return fixture;
}

export async function countEvents(db: pg.Client, workspaceId: string, externalIdPrefix: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events WHERE workspace_id = $1 AND source = 'reliability' AND external_id LIKE $2`,
    [workspaceId, `${externalIdPrefix}-%`],
  );
  return rows[0]?.n ?? 0;
}
