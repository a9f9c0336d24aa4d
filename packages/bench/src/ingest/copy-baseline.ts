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
  /** Checks every row arrived, drops the table and disconnects. */
  close(expected: number): Promise<void>;
}

/**
 * Raw COPY of the same rows into a table of the same shape as `events` (columns, defaults,
 * indexes and unique constraint; no triggers or foreign keys): the floor any pipeline is
 * compared with. Copied in ranges so that the bench can alternate it with the pipeline.
 */
export async function openCopyBaseline(url: string, fixture: IngestFixture, total: number): Promise<CopyBaseline> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP TABLE IF EXISTS events_copy_baseline');
  await client.query('CREATE TABLE events_copy_baseline (LIKE events INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS)');
  return {
    async copy(from, to) {
      const start = performance.now();
      const sink = client.query(copyStreams.from(`COPY events_copy_baseline (${COLUMNS}) FROM STDIN`));
      await pipeline(Readable.from(copyLines(fixture, 'bench-copy', total, from, to)), sink);
      return performance.now() - start;
    },
    async close(expected) {
      try {
        const count = await client.query<{ n: string }>('SELECT count(*) AS n FROM events_copy_baseline');
        if (Number(count.rows[0]?.n) !== expected) throw new Error(`COPY baseline stored ${count.rows[0]?.n} rows, expected ${expected}`);
        await client.query('DROP TABLE events_copy_baseline');
      } finally {
        await client.end();
      }
    },
  };
}
