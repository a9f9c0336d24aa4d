import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { DbError, GLOBAL_OMIT } from './db.js';
import type { Db, SqlRunner } from './db.js';

export interface CreateDbOptions {
  // postgresql:// URL; defaults to DATABASE_URL. Unset means embedded PGlite.
  databaseUrl?: string;
  // PGlite data folder; defaults to WAYMARK_DATA_DIR or .waymark/pgdata. "memory://" keeps nothing.
  dataDir?: string;
  poolSize?: number;
}

// The embedded server (serve-embedded) runs every statement on one PGlite session, so a large pool
// buys nothing there; a small one keeps API and worker fair.
const EMBEDDED_POOL_SIZE = 2;

// Interactive transactions wait for a pooled connection longer than Prisma's 2 s default: under load
// (and always on the single-session embedded server) a connection is often briefly busy.
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

export async function createDb(options: CreateDbOptions = {}): Promise<Db> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url) return createPostgresDb(url, options.poolSize);
  return createPgliteDb(options.dataDir ?? process.env.WAYMARK_DATA_DIR ?? resolve('.waymark/pgdata'));
}

function defaultPoolSize(): number {
  if (process.env.WAYMARK_EMBEDDED === '1') return EMBEDDED_POOL_SIZE;
  const fromEnv = Number(process.env.WAYMARK_DB_POOL_SIZE);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 10;
}

export async function createPostgresDb(url: string, poolSize?: number): Promise<Db> {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new DbError('INVALID_CONFIG', `DATABASE_URL must start with postgresql://, got "${url.replace(/:[^:@/]*@/, ':***@')}"`);
  }
  const pool = new pg.Pool({ connectionString: url, max: poolSize ?? defaultPoolSize() });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on('error', (error) => console.error('[db] idle PostgreSQL client error:', error.message));
  // A checked-out client losing its server emits 'error' on itself (its query fails as well): without
  // a listener that event kills the process, so a database restart under load would crash the API.
  pool.on('connect', (client) => client.on('error', (error) => console.error('[db] PostgreSQL connection lost:', error.message)));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), omit: GLOBAL_OMIT, transactionOptions: TRANSACTION_OPTIONS });
  const runner = (client: pg.Pool | pg.PoolClient): SqlRunner => ({
    query: async <Row extends object>(sql: string, params: readonly unknown[] = []) =>
      (await client.query<Row>(sql, [...params])).rows,
    exec: async (sql: string) => {
      await client.query(sql);
    },
  });
  const withPgClient = async <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  };
  return {
    kind: 'postgres',
    prisma,
    ...runner(pool),
    withPgClient,
    transaction: (fn) =>
      withPgClient(async (client) => {
        await client.query('BEGIN');
        try {
          const result = await fn(runner(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

export async function createPgliteDb(dataDir: string): Promise<Db> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(inMemory ? undefined : dataDir);
  return pgliteDb(pglite);
}

export function pgliteDb(pglite: PGlite): Db {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), omit: GLOBAL_OMIT, transactionOptions: TRANSACTION_OPTIONS });
  const runner = (client: Pick<PGlite, 'query' | 'exec'>): SqlRunner => ({
    query: async <Row extends object>(sql: string, params: readonly unknown[] = []) =>
      (await client.query<Row>(sql, [...params])).rows,
    exec: async (sql: string) => {
      await client.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    prisma,
    ...runner(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(runner(tx))),
    withPgClient: () => Promise.reject(new DbError('UNSUPPORTED', 'withPgClient needs PostgreSQL (DATABASE_URL); the embedded PGlite has no pg client')),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
