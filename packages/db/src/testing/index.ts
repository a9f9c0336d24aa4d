import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPgliteDb, createPostgresDb } from '../client/create-db.js';
import type { Db, DbKind } from '../client/db.js';
import { migrate } from '../migrate/migrate.js';

// Both kinds, for `describe.each(DB_KINDS)('…', (kind) => …)`: every data-layer suite runs on both.
export const DB_KINDS: readonly DbKind[] = ['postgres', 'pglite'];

export interface TestDatabase {
  db: Db;
  kind: DbKind;
  // postgresql:// URL of the scratch database (postgres kind only), e.g. for a child process.
  databaseUrl?: string;
  // Closes the client and removes the database.
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  // Apply the project's migrations (default true).
  migrate?: boolean;
  poolSize?: number;
}

export function testServerUrl(): string {
  return process.env.WAYMARK_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// A uniquely named PostgreSQL database on the test server, or an in-memory PGlite; migrated.
export async function createTestDatabase(kind: DbKind = 'postgres', options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await createPgliteDb('memory://');
    if (options.migrate !== false) await migrate(db);
    return { db, kind, drop: () => db.close() };
  }
  const name = `waymark_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const db = await createPostgresDb(databaseUrl, options.poolSize ?? 5);
  const drop = async (): Promise<void> => {
    await db.close();
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  try {
    if (options.migrate !== false) await migrate(db);
  } catch (error) {
    await drop();
    throw error;
  }
  return { db, kind, databaseUrl, drop };
}
