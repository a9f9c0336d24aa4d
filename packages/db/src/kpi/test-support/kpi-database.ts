import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { SqlDb } from '../sql.js';

const MIGRATIONS = fileURLToPath(new URL('../../../prisma/migrations/', import.meta.url));

export interface KpiTestDatabase {
  db: SqlDb;
  close: () => Promise<void>;
}

// A uniquely named, fully migrated database for one test file, dropped by close().
export async function createKpiTestDatabase(): Promise<KpiTestDatabase> {
  const base = process.env['WAYMARK_TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `waymark_kpi_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  for (const folder of readdirSync(MIGRATIONS).sort()) {
    const file = join(MIGRATIONS, folder, 'migration.sql');
    if (existsSync(file)) await pool.query(readFileSync(file, 'utf8'));
  }
  return {
    db: { query: async <Row extends object>(sql: string, params?: readonly unknown[]) => (await pool.query<Row>(sql, params ? [...params] : [])).rows },
    close: async () => {
      await pool.end();
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
