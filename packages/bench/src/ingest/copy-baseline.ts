import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { IngestFixture } from './setup.js';
import { customerCount, syntheticEvent } from './synthetic-source.js';

const COLUMNS = 'workspace_id, source, external_id, touchpoint_id, customer_id, occurred_at, kind, value, csat, nps, ces, sentiment, text, attributes';

// A stand-in customer id per identity: the baseline skips stitching, it only moves rows.
function customerUuid(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

function copyValue(value: string | number | undefined): string {
  return value === undefined ? '\\N' : String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

function* copyLines(fixture: IngestFixture, source: string, total: number, from: number, to: number): Generator<string> {
  const customers = customerCount(total);
  let chunk = '';
  for (let i = from; i < to; i += 1) {
    const event = syntheticEvent(i, total);
    const customer = customerUuid(Number(event.customerRef.replace(/\D/g, '')) % customers);
    chunk += [
      fixture.workspaceId, source, event.externalId, fixture.touchpointIds.get(event.touchpointKey), customer, event.occurredAt, event.kind,
      event.value, event.csat, event.nps, event.ces, event.sentiment, event.text, undefined,
    ].map(copyValue).join('\t') + '\n';
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

export interface CopyBaseline {
  /** COPYs rows [from, to) of the `total` synthetic events; returns the elapsed milliseconds. */
  copy(from: number, to: number): Promise<number>;
  /** Checks every row arrived, drops what only the baseline needed and disconnects. */
  close(expected: number): Promise<void>;
}

/**
 * Where the raw COPY goes. `bare`: a table of the same shape as `events` (columns, defaults,
 * indexes and unique constraint; no triggers or foreign keys), the floor the target is measured
 * against. `deployed`: `events` itself, in a workspace of its own, paying its foreign-key checks and
 * KPI triggers as any writer does (informational: what the table costs before any pipeline work).
 */
export type CopyTarget = 'bare' | 'deployed';

interface Sink {
  table: string;
  source: string;
  rowsSql: string;
  cleanup: string | null;
}

async function prepareSink(client: pg.Client, fixture: IngestFixture, total: number, target: CopyTarget): Promise<Sink> {
  if (target === 'bare') {
    await client.query('DROP TABLE IF EXISTS events_copy_baseline');
    await client.query('CREATE TABLE events_copy_baseline (LIKE events INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS)');
    return { table: 'events_copy_baseline', source: 'bench-copy', rowsSql: 'SELECT count(*) AS n FROM events_copy_baseline', cleanup: 'DROP TABLE events_copy_baseline' };
  }
  // The foreign key wants the stand-in customers to exist; made before any timing.
  await client.query(
    `INSERT INTO customers (id, workspace_id)
     SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, $1::uuid FROM generate_series(0, $2::int - 1) AS i`,
    [fixture.workspaceId, customerCount(total)],
  );
  return { table: 'events', source: 'bench-copy-deployed', rowsSql: `SELECT count(*) AS n FROM events WHERE workspace_id = '${fixture.workspaceId}'`, cleanup: null };
}

/** A raw COPY of the same rows, copied in ranges so that the bench can alternate it with the pipeline. */
export async function openCopyBaseline(url: string, fixture: IngestFixture, total: number, target: CopyTarget = 'bare'): Promise<CopyBaseline> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sink = await prepareSink(client, fixture, total, target);
  return {
    async copy(from, to) {
      const start = performance.now();
      const stream = client.query(copyStreams.from(`COPY ${sink.table} (${COLUMNS}) FROM STDIN`));
      await pipeline(Readable.from(copyLines(fixture, sink.source, total, from, to)), stream);
      return performance.now() - start;
    },
    async close(expected) {
      try {
        const count = await client.query<{ n: string }>(sink.rowsSql);
        if (Number(count.rows[0]?.n) !== expected) throw new Error(`COPY baseline (${target}) stored ${count.rows[0]?.n} rows, expected ${expected}`);
        if (sink.cleanup) await client.query(sink.cleanup);
      } finally {
        await client.end();
      }
    },
  };
}
