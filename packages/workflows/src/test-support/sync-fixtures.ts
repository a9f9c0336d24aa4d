import { randomUUID } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import type { Db } from '@waymark/db';

// An NDJSON export of `count` page views at touchpoint `web`, ids `<prefix>-<n>`.
export function ndjsonRows(count: number, prefix = 'row', start = 0): string {
  let text = '';
  for (let n = start; n < start + count; n += 1) {
    const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
    text += `${JSON.stringify({ id: `${prefix}-${n}`, customerRef: `email:guest${n % 50}@example.com`, occurredAt: at })}\n`;
  }
  return text;
}

export function writeNdjson(path: string, count: number, extra = ''): void {
  writeFileSync(path, ndjsonRows(count) + extra);
}

export function appendNdjson(path: string, count: number, start: number): void {
  appendFileSync(path, ndjsonRows(count, 'row', start));
}

export async function createFileIntegration(db: Db, workspaceId: string, path: string, pageSize: number): Promise<string> {
  const id = randomUUID();
  const config = { format: 'ndjson', path, touchpointKey: 'web', kind: 'VIEW', pageSize, mapping: { externalId: 'id' } };
  await db.query(
    `INSERT INTO integrations (id, workspace_id, name, plugin_id, plugin_version, config, updated_at) VALUES ($1::uuid, $2::uuid, 'Export', 'file-import', '0.0.0', $3::jsonb, now())`,
    [id, workspaceId, JSON.stringify(config)],
  );
  return id;
}

export async function createSyncRun(db: Db, workspaceId: string, integrationId: string): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO sync_runs (id, workspace_id, integration_id, status) VALUES ($1::uuid, $2::uuid, $3::uuid, 'QUEUED')`, [id, workspaceId, integrationId]);
  return id;
}

export interface SyncRunRow {
  status: string;
  pages: number;
  events: number;
  duplicates: number;
  rejected: number;
  error: string | null;
}

export async function syncRun(db: Db, id: string): Promise<SyncRunRow | undefined> {
  const rows = await db.query<SyncRunRow>('SELECT status, pages, events, duplicates, rejected, error FROM sync_runs WHERE id = $1::uuid', [id]);
  return rows[0];
}

export async function storedState(db: Db, workspaceId: string, integrationId: string): Promise<{ events: number; distinct: number; cursor: { offset: number; row: number } | undefined }> {
  const [counts] = await db.query<{ events: number; distinct: number }>(
    `SELECT count(*)::int AS events, count(DISTINCT external_id)::int AS distinct FROM events WHERE workspace_id = $1::uuid`,
    [workspaceId],
  );
  const [integration] = await db.query<{ cursor: { rows?: { offset: number; row: number } } | null }>('SELECT cursor FROM integrations WHERE id = $1::uuid', [integrationId]);
  return { events: counts?.events ?? 0, distinct: counts?.distinct ?? 0, cursor: integration?.cursor?.rows };
}
