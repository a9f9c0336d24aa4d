import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runApiBench } from './api.js';

const adminUrl = process.env['WAYMARK_TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

// Runs the built API (apps/api/dist) and the bare server for real, briefly and at a tiny scale.
describe('api bench area (small scale)', () => {
  it('measures both queries against Waymark and bare yoga (also without its body limit), which answer alike, and reports the ratios', async () => {
    const logs: string[] = [];
    const options = { durationSeconds: 1, connections: 2, demoScale: 0.02, database: `waymark_bench_api_test_${randomBytes(4).toString('hex')}` };
    const results = await runApiBench({ adminUrl, log: (line) => logs.push(line) }, options).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs.join('\n')}`);
    });
    const journey = results.find((r) => r.metric.startsWith('journey query throughput'));
    expect(journey?.value).toBeGreaterThan(0);
    expect(journey?.baseline).toBeGreaterThan(0);
    expect(journey?.ratio).toBeCloseTo((journey?.value ?? 0) / (journey?.baseline ?? 1), 1);
    expect(journey?.target).toBe('≥ 50% of bare yoga');
    expect(typeof journey?.met).toBe('boolean');
    const lean = results.find((r) => r.metric.includes('without its body-size limit'));
    expect(lean?.baseline).toBeGreaterThan(0);
    expect(lean?.met).toBeNull();
    const kpi = results.find((r) => r.metric.startsWith('KPI query') && r.unit === 'req/s');
    expect(kpi?.value).toBeGreaterThan(0);
    expect(kpi?.met).toBeNull();
    expect(results.filter((r) => r.unit === 'ms')).toHaveLength(2);
  }, 300_000);
});
