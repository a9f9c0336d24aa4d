import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, exportWorkspace, importWorkspace } from './index.js';
import { scratchDatabase } from './test-support/scratch-database.js';

// A small schema with every shape the real one has: uuid and bigserial keys, a composite key,
// a self reference, jsonb, uuid[], timestamptz, float8, an enum, a trigger-filled rollup table.
const SCHEMA = `
CREATE TYPE kind AS ENUM ('VIEW', 'BOOKING', 'PURCHASE', 'CANCELLATION');
CREATE TABLE workspaces (id uuid PRIMARY KEY, name text NOT NULL, time_zone text NOT NULL DEFAULT 'UTC');
CREATE TABLE customers (id uuid PRIMARY KEY, workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  merged_into_id uuid REFERENCES customers(id));
CREATE TABLE events (id bigserial PRIMARY KEY, workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  customer_id uuid NOT NULL REFERENCES customers(id), touchpoint_id uuid NOT NULL DEFAULT 'cccccccc-0000-4000-8000-000000000001',
  kind kind NOT NULL, csat smallint, nps smallint, ces smallint, sentiment float8, value float8, occurred_at timestamptz(3) NOT NULL,
  attributes jsonb, tags uuid[] NOT NULL DEFAULT '{}', note text);
CREATE TABLE links (workspace_id uuid NOT NULL REFERENCES workspaces(id), a uuid NOT NULL REFERENCES customers(id),
  b uuid NOT NULL REFERENCES customers(id), PRIMARY KEY (a, b));
CREATE TABLE kpi_rollup_days (workspace_id uuid NOT NULL, touchpoint_id uuid NOT NULL, day date NOT NULL, events int NOT NULL DEFAULT 0,
  nps_responses int DEFAULT 0, nps_promoters int DEFAULT 0, nps_detractors int DEFAULT 0, csat_responses int DEFAULT 0, csat_satisfied int DEFAULT 0,
  ces_responses int DEFAULT 0, ces_sum float8 DEFAULT 0, sentiment_responses int DEFAULT 0, sentiment_sum float8 DEFAULT 0, revenue_events int DEFAULT 0,
  revenue_sum float8 DEFAULT 0, PRIMARY KEY (workspace_id, touchpoint_id, day));
CREATE TABLE kpi_rollup_slots (LIKE kpi_rollup_days INCLUDING ALL);
ALTER TABLE kpi_rollup_slots RENAME COLUMN day TO slot_start;
ALTER TABLE kpi_rollup_slots ALTER COLUMN slot_start TYPE timestamptz;
CREATE TABLE _prisma_migrations (migration_name text PRIMARY KEY, finished_at timestamptz, rolled_back_at timestamptz);
INSERT INTO _prisma_migrations VALUES ('0001_init', now(), NULL);
`;

const WS = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const C1 = 'aaaaaaaa-0000-4000-8000-000000000001';
const C2 = 'aaaaaaaa-0000-4000-8000-000000000002';
const C3 = 'bbbbbbbb-0000-4000-8000-000000000003';

async function seed(db: pg.Client): Promise<void> {
  await db.query(`INSERT INTO workspaces (id, name, time_zone) VALUES ($1, 'Lumen Bay', 'Europe/Lisbon'), ($2, 'Other', 'UTC')`, [WS, OTHER]);
  // C1 merged into C2, which is inserted after it: the self reference must survive the import.
  await db.query(`INSERT INTO customers VALUES ($1, $3, NULL), ($2, $3, NULL), ($4, $5, NULL)`, [C2, C1, WS, C3, OTHER]);
  await db.query(`UPDATE customers SET merged_into_id = $1 WHERE id = $2`, [C2, C1]);
  await db.query(
    `INSERT INTO events (workspace_id, customer_id, kind, value, occurred_at, attributes, tags, note) VALUES
     ($1, $2, 'PURCHASE', 0.1::float8 + 0.2::float8, '2026-03-01T10:00:00.123Z', '{"nested": {"list": [1, 2.5, "x"]}, "big": 12345678901234567890}', ARRAY[$2]::uuid[], E'line\\nbreak "quoted" \\\\ é ✓'),
     ($1, $3, 'VIEW', NULL, '2026-03-02T23:59:59.999Z', NULL, '{}', NULL),
     ($4, $5, 'VIEW', 1e300, '2026-03-03T00:00:00Z', '[]', '{}', 'other workspace')`,
    [WS, C1, C2, OTHER, C3],
  );
  await db.query(`INSERT INTO links VALUES ($1, $2, $3)`, [WS, C1, C2]);
  // A rollup row as a trigger would have left it; restored as it was, not recomputed.
  await db.query(`INSERT INTO kpi_rollup_days (workspace_id, touchpoint_id, day, events, revenue_sum) VALUES ($1, $2, '2026-03-01', 7, 0.1::float8 + 0.2::float8)`, [WS, C1]);
}

async function snapshot(db: pg.Client, workspaceId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, key] of [['workspaces', 'id'], ['customers', 'workspace_id'], ['events', 'workspace_id'], ['links', 'workspace_id']] as const) {
    const { rows } = await db.query(`SELECT row_to_json(t)::text AS j FROM ${table} t WHERE ${key} = $1 ORDER BY 1`, [workspaceId]);
    out[table] = rows.map((r: { j: string }) => r.j);
  }
  return out;
}

describe('workspace export and import', () => {
  let source: Awaited<ReturnType<typeof scratchDatabase>>;
  let target: Awaited<ReturnType<typeof scratchDatabase>>;
  let sourceDb: pg.Client;
  let targetDb: pg.Client;
  let dir: string;

  beforeAll(async () => {
    source = await scratchDatabase('backup_src');
    target = await scratchDatabase('backup_dst');
    sourceDb = new pg.Client({ connectionString: source.url });
    targetDb = new pg.Client({ connectionString: target.url });
    await sourceDb.connect();
    await targetDb.connect();
    await sourceDb.query(SCHEMA);
    await targetDb.query(SCHEMA);
    await seed(sourceDb);
    dir = await mkdtemp(join(tmpdir(), 'waymark-backup-'));
  });

  afterAll(async () => {
    await sourceDb?.end();
    await targetDb?.end();
    await source?.drop();
    await target?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('exports one workspace: a file per table, rows counted and hashed, trigger-filled rollups last', async () => {
    const manifest = await exportWorkspace(sourceDb, WS, join(dir, 'ws'));
    expect(manifest.workspace).toEqual({ id: WS, name: 'Lumen Bay' });
    expect(manifest.migrations).toEqual(['0001_init']);
    expect(manifest.tables.map((t) => [t.table, t.rows])).toEqual([
      ['workspaces', 1], ['customers', 2], ['events', 2], ['links', 1], ['kpi_rollup_days', 1], ['kpi_rollup_slots', 0],
    ]);
    expect([...manifest.derivedTables].sort()).toEqual(['kpi_rollup_days', 'kpi_rollup_slots']);
    const events = await readFile(join(dir, 'ws', 'events.ndjson'), 'utf8');
    expect(events).not.toContain('other workspace');
  });

  it('imports into a fresh database with identical rows, ids and types, and moves sequences past the ids', async () => {
    const summary = await importWorkspace(targetDb, join(dir, 'ws'));
    expect(summary.workspaceId).toBe(WS);
    expect(await snapshot(targetDb, WS)).toEqual(await snapshot(sourceDb, WS));
    expect((await snapshot(targetDb, OTHER)).workspaces).toEqual([]);
    const rollup = await targetDb.query('SELECT day::text, events, revenue_sum FROM kpi_rollup_days WHERE workspace_id = $1 ORDER BY day', [WS]);
    expect(rollup.rows).toEqual([{ day: '2026-03-01', events: 7, revenue_sum: 0.1 + 0.2 }]);
    const { rows } = await targetDb.query(`INSERT INTO events (workspace_id, customer_id, kind, occurred_at) VALUES ($1, $2, 'VIEW', now()) RETURNING id`, [WS, C1]);
    const { rows: max } = await sourceDb.query(`SELECT max(id) AS m FROM events WHERE workspace_id = $1`, [WS]);
    expect(BigInt(rows[0].id)).toBeGreaterThan(BigInt(max[0].m));
  });

  it('refuses to import a workspace that already exists, leaving nothing half-written', async () => {
    const before = await targetDb.query('SELECT count(*)::int AS n FROM events');
    await expect(importWorkspace(targetDb, join(dir, 'ws'))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await targetDb.query('SELECT count(*)::int AS n FROM events')).rows).toEqual(before.rows);
  });

  it('refuses a damaged export before touching the database', async () => {
    const copy = join(dir, 'damaged');
    await exportWorkspace(sourceDb, WS, copy);
    const file = join(copy, 'events.ndjson');
    await writeFile(file, (await readFile(file, 'utf8')).replace('PURCHASE', 'VIEW'));
    await expect(importWorkspace(targetDb, copy)).rejects.toThrow(/events.ndjson does not match the manifest/);
    await writeFile(join(copy, 'manifest.json'), '{"format":"something-else"}');
    await expect(importWorkspace(targetDb, copy)).rejects.toMatchObject({ code: 'INVALID_ARCHIVE' });
  });

  it('says what is wrong with the arguments', async () => {
    await expect(exportWorkspace(sourceDb, 'not-a-uuid', join(dir, 'x'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(exportWorkspace(sourceDb, '33333333-3333-4333-8333-333333333333', join(dir, 'y'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(exportWorkspace(sourceDb, WS, join(dir, 'ws'))).rejects.toBeInstanceOf(BackupError);
    await expect(importWorkspace(targetDb, join(dir, 'missing'))).rejects.toMatchObject({ code: 'INVALID_ARCHIVE' });
  });
});
