import type { PoolClient } from 'pg';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

// Secrets are ciphertext and must never leave the data layer by accident: every query omits them
// unless the integration (or webhook) repository asks for them explicitly.
export const GLOBAL_OMIT = { integration: { secrets: true }, notificationWebhook: { target: true } } as const satisfies Prisma.GlobalOmitConfig;

export type DbPrisma = PrismaClient<never, typeof GLOBAL_OMIT>;

export type DbKind = 'postgres' | 'pglite';

// Parameterised raw SQL on the underlying driver, for set-based and KPI queries.
export interface SqlRunner {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  // Runs one or more statements without parameters (migrations, DDL).
  exec(sql: string): Promise<void>;
}

export interface Db extends SqlRunner {
  readonly kind: DbKind;
  readonly prisma: DbPrisma;
  // One raw-SQL transaction on one connection; rolled back when fn throws.
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  // A pooled pg client for COPY and session features; PostgreSQL only.
  withPgClient<T>(fn: (client: PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DbError extends Error {
  constructor(
    readonly code: 'UNSUPPORTED' | 'INVALID_CONFIG' | 'MIGRATION_FAILED' | 'WORKSPACE_SCOPE' | 'NOT_FOUND' | 'INVALID_STATE',
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}
