import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseExists, dropDatabase } from '../harness/postgres.js';
import { runIngestBench } from './ingest.js';

const adminUrl = process.env['WAYMARK_TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const database = `waymark_bench_ingest_test_${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  await dropDatabase(adminUrl, database);
});

describe('ingest bench area (small scale)', () => {
  it('measures the pipeline beside a raw COPY of the same rows, with memory figures, and drops its database', async () => {
    const logs: string[] = [];
    const results = await runIngestBench({ adminUrl, log: (l) => logs.push(l) }, { database, events: 20_000, pageSize: 2000, fileRows: 5000, keep: false, rounds: 2 });
    const throughput = results.find((r) => r.metric.startsWith('pipeline throughput'));
    expect(throughput).toMatchObject({ unit: 'events/s', target: '≥ 0.5× raw COPY throughput' });
    expect(throughput?.value).toBeGreaterThan(0);
    expect(throughput?.baseline).toBeGreaterThan(0);
    expect(throughput?.ratio).toBeCloseTo((throughput?.value ?? 0) / (throughput?.baseline ?? 1), 1);
    // The same pipeline against a COPY into events itself, foreign keys and KPI triggers included.
    const deployed = results.find((r) => r.metric.startsWith('pipeline vs raw COPY into events as deployed'));
    expect(deployed).toMatchObject({ value: throughput?.value, target: null });
    expect(deployed?.baseline).toBeGreaterThan(0);
    expect(deployed?.baseline).toBeLessThan(throughput?.baseline ?? 0);
    // The page's time split in two: inside the ingestion step and the rest, adding up to the whole.
    const inIngestion = results.find((r) => r.metric.startsWith('pipeline ms per page in ingestion'))?.value ?? -1;
    const outside = results.find((r) => r.metric.startsWith('pipeline ms per page outside ingestion'))?.value ?? -1;
    expect(inIngestion).toBeGreaterThan(0);
    expect(outside).toBeGreaterThanOrEqual(0);
    expect(inIngestion + outside).toBeCloseTo((2000 / (throughput?.value ?? 1)) * 1000, 0);
    expect(results.find((r) => r.metric === 'raw COPY ms per page')?.value).toBeCloseTo((2000 / (throughput?.baseline ?? 1)) * 1000, 0);
    expect(results.find((r) => r.metric === 'pipeline rejected events')?.value).toBe(0);
    expect(results.find((r) => r.metric.startsWith('pipeline RSS growth, whole input'))).toMatchObject({ unit: 'MB', met: expect.any(Boolean) });
    // Nothing the pipeline keeps grows with the input (the heap after a full GC).
    expect(results.find((r) => r.metric.startsWith('pipeline retained heap after GC'))).toMatchObject({ unit: 'MB', met: true });
    expect(results.find((r) => r.metric === 'file-import CSV parse + map + validate')?.value).toBeGreaterThan(0);
    expect(await databaseExists(adminUrl, database)).toBe(false);
  }, 240_000);
});
