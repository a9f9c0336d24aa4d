import { randomUUID } from 'node:crypto';
import { DbError } from '../client/db.js';
import type { Db, SqlRunner } from '../client/db.js';
import { readMigrations } from './migrations.js';
import type { MigrationFile } from './migrations.js';

// The same table and lock key `prisma migrate deploy` uses, so the two agree and exclude each other.
const PRISMA_ADVISORY_LOCK = 72707369;
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrateOptions {
  dir?: string;
  log?: (line: string) => void;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

// Applies pending migration folders in name order, each in its own transaction, and records them
// in _prisma_migrations exactly like Prisma does.
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<MigrateResult> {
  const files = await readMigrations(options.dir);
  if (db.kind === 'pglite') return applyAll(db, files, options);
  return db.withPgClient(async (client) => {
    const session: SqlRunner = {
      query: async <Row extends object>(sql: string, params: readonly unknown[] = []) => (await client.query<Row>(sql, [...params])).rows,
      exec: async (sql: string) => {
        await client.query(sql);
      },
    };
    await session.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    try {
      return await applyAll(session, files, options);
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
    }
  });
}

async function applyAll(session: SqlRunner, files: MigrationFile[], options: MigrateOptions): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  await session.exec(CREATE_MIGRATIONS_TABLE);
  const rows = await session.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new DbError('MIGRATION_FAILED', `migration ${failed.migration_name} failed earlier and is not rolled back; fix the database, then mark it rolled back in _prisma_migrations`);
  }
  const done = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r]));
  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  for (const file of files) {
    const row = done.get(file.name);
    if (row) {
      // Like `migrate deploy`: an edited, already applied migration is reported, not re-run.
      if (row.checksum !== file.checksum) log(`warning: migration ${file.name} was modified after it was applied`);
      result.alreadyApplied.push(file.name);
      continue;
    }
    await applyOne(session, file);
    log(`applied migration ${file.name}`);
    result.applied.push(file.name);
  }
  return result;
}

async function applyOne(session: SqlRunner, file: MigrationFile): Promise<void> {
  const startedAt = new Date();
  await session.exec('BEGIN');
  try {
    await session.exec(file.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
      [randomUUID(), file.checksum, file.name, startedAt],
    );
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK');
    const reason = error instanceof Error ? error.message : String(error);
    throw new DbError('MIGRATION_FAILED', `migration ${file.name} failed and was rolled back: ${reason}`);
  }
}
