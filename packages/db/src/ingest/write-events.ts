import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Db, SqlRunner } from '../client/db.js';
import type { ValidEvent } from './event-input.js';

// Writing one batch of accepted events. On PostgreSQL the rows are first COPYed straight into
// events inside a savepoint: a batch of new events (every page of a sync that is not a replay) pays
// the table and nothing else. If any row is already stored (the unique key on (workspace, source,
// externalId) refuses the COPY), the savepoint is rolled back and the batch goes through a
// per-connection temporary staging table and one INSERT … SELECT … ON CONFLICT DO NOTHING, which
// skips the stored rows. PGlite has no COPY FROM STDIN through this driver: it binds arrays to unnest().

export interface EventRow {
  event: ValidEvent;
  touchpointId: string;
  customerId: string;
}

const COLUMNS = 'source, external_id, touchpoint_id, customer_id, occurred_at, kind, value, csat, nps, ces, sentiment, text, attributes';

// ON COMMIT DELETE ROWS empties it at every commit, so a pooled connection never carries rows over.
const STAGING = `CREATE TEMP TABLE IF NOT EXISTS ingest_events_staging (
  source text, external_id text, touchpoint_id uuid, customer_id uuid, occurred_at timestamptz, kind text,
  value float8, csat int2, nps int2, ces int2, sentiment float8, text text, attributes jsonb
) ON COMMIT DELETE ROWS`;

// The row count comes from the command tag: a RETURNING CTE to count them cost ~10% of the statement.
const MOVE_STAGED = `INSERT INTO events (workspace_id, ${COLUMNS})
  SELECT $1, source, external_id, touchpoint_id, customer_id, occurred_at, kind::"EventKind", value, csat, nps, ces, sentiment, text, attributes
  FROM ingest_events_staging
  ON CONFLICT (workspace_id, source, external_id) DO NOTHING`;

const INSERT_UNNEST = `WITH ins AS (
  INSERT INTO events (workspace_id, ${COLUMNS})
  SELECT $1, t.* FROM unnest($2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::text[]::"EventKind"[], $8::float8[],
    $9::int2[], $10::int2[], $11::int2[], $12::float8[], $13::text[], $14::jsonb[]) AS t
  ON CONFLICT (workspace_id, source, external_id) DO NOTHING
  RETURNING 1
) SELECT count(*)::int AS n FROM ins`;

type Cell = string | number | null | undefined;

function cells(row: EventRow): Cell[] {
  const e = row.event;
  return [
    e.source, e.externalId, row.touchpointId, row.customerId, e.occurredAt.toISOString(), e.kind,
    e.value, e.csat, e.nps, e.ces, e.sentiment, e.text, e.attributes == null ? null : JSON.stringify(e.attributes),
  ];
}

// COPY text format: \N is NULL; backslash, tab, newline and carriage return are escaped.
export function copyField(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function* copyChunks(rows: readonly EventRow[], workspaceId?: string): Generator<string> {
  const tail = workspaceId === undefined ? '\n' : `\t${workspaceId}\n`;
  let chunk = '';
  for (const row of rows) {
    chunk += cells(row).map(copyField).join('\t') + tail;
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

const COPY_EVENTS = `COPY events (${COLUMNS}, workspace_id) FROM STDIN`;
const COPY_STAGED = `COPY ingest_events_staging (${COLUMNS}) FROM STDIN`;

async function copyRows(client: PoolClient, sql: string, rows: readonly EventRow[], workspaceId?: string): Promise<number> {
  const stream = client.query(copyStreams.from(sql));
  await pipeline(Readable.from(copyChunks(rows, workspaceId)), stream);
  return stream.rowCount;
}

const isStoredKey = (error: unknown): boolean =>
  error instanceof Error && Reflect.get(error, 'code') === '23505' && Reflect.get(error, 'constraint') === 'events_workspace_id_source_external_id_key';

async function copyEvents(client: PoolClient, workspaceId: string, rows: readonly EventRow[]): Promise<number> {
  await client.query('SAVEPOINT copy_events');
  try {
    const copied = await copyRows(client, COPY_EVENTS, rows, workspaceId);
    await client.query('RELEASE SAVEPOINT copy_events');
    return copied;
  } catch (error) {
    if (!isStoredKey(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT copy_events');
  }
  await copyRows(client, COPY_STAGED, rows);
  const result = await client.query(MOVE_STAGED, [workspaceId]);
  return result.rowCount ?? 0;
}

// Pooled connections that already have the staging table. It is created outside any batch
// transaction, so a rolled-back batch cannot take it away.
const staged = new WeakSet<PoolClient>();

async function ensureStaging(client: PoolClient): Promise<void> {
  if (staged.has(client)) return;
  await client.query(STAGING);
  staged.add(client);
}

async function insertEvents(tx: SqlRunner, workspaceId: string, rows: readonly EventRow[]): Promise<number> {
  const col = <T>(fn: (r: EventRow) => T): T[] => rows.map(fn);
  const result = await tx.query<{ n: number }>(INSERT_UNNEST, [
    workspaceId,
    col((r) => r.event.source),
    col((r) => r.event.externalId),
    col((r) => r.touchpointId),
    col((r) => r.customerId),
    col((r) => r.event.occurredAt.toISOString()),
    col((r) => r.event.kind),
    col((r) => r.event.value ?? null),
    col((r) => r.event.csat ?? null),
    col((r) => r.event.nps ?? null),
    col((r) => r.event.ces ?? null),
    col((r) => r.event.sentiment ?? null),
    col((r) => r.event.text ?? null),
    col((r) => (r.event.attributes == null ? null : JSON.stringify(r.event.attributes))),
  ]);
  return result[0]?.n ?? 0;
}

/** A batch transaction that can write events: `write` returns how many rows were new. */
export interface BatchTx extends SqlRunner {
  writeEvents(workspaceId: string, rows: readonly EventRow[]): Promise<number>;
}

function pgRunner(client: PoolClient): BatchTx {
  return {
    query: async <Row extends object>(sql: string, params: readonly unknown[] = []) => (await client.query<Row>(sql, [...params])).rows,
    exec: async (sql: string) => {
      await client.query(sql);
    },
    writeEvents: (workspaceId, rows) => copyEvents(client, workspaceId, rows),
  };
}

// One transaction per batch: COPY needs the pg client itself, which Db.transaction does not expose.
export async function batchTransaction<T>(db: Db, fn: (tx: BatchTx) => Promise<T>): Promise<T> {
  if (db.kind !== 'postgres') {
    return db.transaction((tx) => fn({ query: tx.query.bind(tx), exec: tx.exec.bind(tx), writeEvents: (ws, rows) => insertEvents(tx, ws, rows) }));
  }
  return db.withPgClient(async (client) => {
    await ensureStaging(client);
    await client.query('BEGIN');
    try {
      const result = await fn(pgRunner(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  });
}
