import pg from 'pg';
import { TOUCHPOINT_KEYS } from './synthetic-source.js';

export interface IngestFixture {
  workspaceId: string;
  touchpointIds: ReadonlyMap<string, string>;
}

// One workspace, one journey with one stage, and the 40 touchpoints the synthetic events use.
export async function createIngestFixture(url: string): Promise<IngestFixture> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ws = await client.query<{ id: string }>(`INSERT INTO workspaces (id, name) VALUES (gen_random_uuid(), 'Ingest bench') RETURNING id`);
    const workspaceId = ws.rows[0]?.id;
    if (!workspaceId) throw new Error('workspace insert returned no id');
    const journey = await client.query<{ id: string }>(
      `INSERT INTO journeys (id, workspace_id, name, updated_at) VALUES (gen_random_uuid(), $1, 'Bench', now()) RETURNING id`,
      [workspaceId],
    );
    const stage = await client.query<{ id: string }>(
      `INSERT INTO stages (id, workspace_id, journey_id, name, position) VALUES (gen_random_uuid(), $1, $2, 'Purchase', 0) RETURNING id`,
      [workspaceId, journey.rows[0]?.id],
    );
    const touchpoints = await client.query<{ id: string; key: string }>(
      `INSERT INTO touchpoints (id, workspace_id, stage_id, key, name, type, channel, mode, updated_at)
       SELECT gen_random_uuid(), $1, $2, k, k, 'INTERACTION', 'web', 'ONLINE', now() FROM unnest($3::text[]) AS k
       RETURNING id, key`,
      [workspaceId, stage.rows[0]?.id, TOUCHPOINT_KEYS],
    );
    return { workspaceId, touchpointIds: new Map(touchpoints.rows.map((row) => [row.key, row.id])) };
  } finally {
    await client.end();
  }
}
