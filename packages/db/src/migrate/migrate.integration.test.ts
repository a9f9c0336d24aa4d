import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDb } from '../client/create-db.js';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import { migrate } from './migrate.js';
import { MIGRATIONS_DIR, readMigrations } from './migrations.js';

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

async function scratchMigrations(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'waymark-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe.each(DB_KINDS)('migrations on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('applies every migration folder in name order and records it the way Prisma does', async () => {
    const files = await readMigrations();
    const rows = await t.db.query<MigrationRow>('SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const sql = await readFile(join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(files[i]?.name).toBe(row.migration_name);
    }
  });

  it('applies nothing the second time', async () => {
    const result = await migrate(t.db);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied.length).toBeGreaterThanOrEqual(2);
  });

  it('rolls a failing migration back completely and names it in the error', async () => {
    const dir = await scratchMigrations({
      '30000101000000_good': 'CREATE TABLE scratch_good (id int);',
      '30000102000000_bad': 'CREATE TABLE scratch_bad (id int);\nSELECT no_such_function();',
    });
    await expect(migrate(t.db, { dir })).rejects.toThrow(/migration 30000102000000_bad failed and was rolled back: .*no_such_function/);
    const tables = await t.db.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'scratch_%' ORDER BY 1");
    expect(tables.map((r) => r.name)).toEqual(['scratch_good']);
    const names = await t.db.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations');
    expect(names.map((r) => r.migration_name)).toContain('30000101000000_good');
    expect(names.map((r) => r.migration_name)).not.toContain('30000102000000_bad');
    await rm(dir, { recursive: true });
  });
});

describe('migrations under concurrency on postgres', () => {
  it('lets one of two processes starting at once apply each migration, the other waits', async () => {
    const t = await createTestDatabase('postgres', { migrate: false });
    const second = await createPostgresDb(t.databaseUrl ?? '', 2);
    try {
      const [a, b] = await Promise.all([migrate(t.db), migrate(second)]);
      const files = await readMigrations();
      expect([...a.applied, ...b.applied].sort()).toEqual(files.map((f) => f.name));
      const rows = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations');
      expect(rows[0]?.n).toBe(files.length);
    } finally {
      await second.close();
      await t.drop();
    }
  });
});
