import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { dropDatabase } from '../harness/postgres.js';
import { runKpiBench } from './kpi.js';

const adminUrl = process.env['WAYMARK_TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const database = `waymark_bench_test_${randomBytes(4).toString('hex')}`;
const options = { database, scale: 0.02, seed: 7, now: new Date(Date.UTC(2026, 10, 1)), iterations: 3, baselineIterations: 2 };

afterAll(async () => {
  await dropDatabase(adminUrl, database);
});

describe('kpi bench area (small scale)', () => {
  it('loads the demo data once, measures every dashboard query beside its raw baseline, and the answers agree', async () => {
    const logs: string[] = [];
    const results = await runKpiBench({ adminUrl, log: (l) => logs.push(l) }, options);
    const names = results.map((r) => r.metric);
    for (const query of ['KPI tiles', 'NPS series', 'heat map']) {
      const p95 = results.find((r) => r.metric.includes(query) && r.metric.endsWith('p95'));
      expect(p95?.baseline, query).toBeGreaterThan(0);
      expect(p95?.ratio, query).toBeGreaterThan(0);
    }
    expect(results.find((r) => r.metric === 'fast answers equal raw aggregates')).toMatchObject({ value: 1, met: true });
    expect(names).toContain('journey funnel (whole data set) p95');
    expect(results.find((r) => r.metric === 'journey funnel (whole data set) p95')?.baseline).toBeGreaterThan(0);
    expect(results.find((r) => r.metric === 'funnel equals the raw-events funnel')).toMatchObject({ value: 1, met: true });
    expect(names).toContain('dataset load (generate, insert, derive rollups)');

    const again = await runKpiBench({ adminUrl, log: (l) => logs.push(l) }, options);
    expect(again.map((r) => r.metric)).not.toContain('dataset load (generate, insert, derive rollups)');
    expect(logs.some((l) => l.includes('reusing data set'))).toBe(true);
  });
});
