import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Db } from '@waymark/db';

export async function seedWorkspace(db: Db, touchpoints: number): Promise<{ workspaceId: string; journeyId: string }> {
  const workspaceId = randomUUID();
  const journeyId = randomUUID();
  await db.query('INSERT INTO workspaces (id, name) VALUES ($1::uuid, $2)', [workspaceId, 'Fault test']);
  await db.query(`INSERT INTO journeys (id, workspace_id, name, updated_at) VALUES ($1::uuid, $2::uuid, 'Stay', now())`, [journeyId, workspaceId]);
  const stages: string[] = [];
  for (let position = 0; position < 5; position += 1) {
    const id = randomUUID();
    stages.push(id);
    await db.query('INSERT INTO stages (id, workspace_id, journey_id, name, position) VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5)', [id, workspaceId, journeyId, `Stage ${position}`, position]);
  }
  // `web` receives the sync; the rest have no owner and no events (audit findings).
  for (let n = 0; n < touchpoints; n += 1) {
    await db.query(
      `INSERT INTO touchpoints (id, workspace_id, stage_id, key, name, type, channel, mode, owner_team, updated_at)
       VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3, $3, 'INTERACTION', $4, 'ONLINE', $5, now())`,
      [workspaceId, stages[n % 5], n === 0 ? 'web' : `tp-${n}`, n === 0 ? 'web' : `channel-${n}`, n === 0 ? 'digital' : null],
    );
  }
  return { workspaceId, journeyId };
}

export function writeExport(path: string, rows: number): void {
  let text = '';
  for (let n = 0; n < rows; n += 1) {
    text += `${JSON.stringify({ id: `row-${n}`, customerRef: `email:guest${n % 97}@example.com`, occurredAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString() })}\n`;
  }
  writeFileSync(path, text);
}

export async function createFileSync(db: Db, workspaceId: string, path: string, pageSize: number): Promise<{ integrationId: string; syncRunId: string }> {
  const integrationId = randomUUID();
  const syncRunId = randomUUID();
  const config = { format: 'ndjson', path, touchpointKey: 'web', kind: 'VIEW', pageSize, mapping: { externalId: 'id' } };
  await db.query(
    `INSERT INTO integrations (id, workspace_id, name, plugin_id, plugin_version, config, updated_at) VALUES ($1::uuid, $2::uuid, 'Export', 'file-import', '0.0.0', $3::jsonb, now())`,
    [integrationId, workspaceId, JSON.stringify(config)],
  );
  await db.query(`INSERT INTO sync_runs (id, workspace_id, integration_id, status) VALUES ($1::uuid, $2::uuid, $3::uuid, 'QUEUED')`, [syncRunId, workspaceId, integrationId]);
  return { integrationId, syncRunId };
}
