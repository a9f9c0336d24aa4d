import { describe, expect, it } from 'vitest';
import { databaseExists } from '../harness/postgres.js';
import { runWorkflowsBench } from './workflows.js';

const adminUrl = process.env['WAYMARK_TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

describe('workflows bench area (small scale)', () => {
  it('syncs the same export through the Temporal workflow and a direct loop, both storing every row', async () => {
    const logs: string[] = [];
    const results = await runWorkflowsBench({ adminUrl, log: (l) => logs.push(l) }, { rows: 1200, pageSize: 200 });
    expect(results.find((r) => r.metric === 'rows synced')?.value).toBe(1200);
    expect(results.find((r) => r.metric === 'sync pages')?.value).toBe(6);
    expect(results.find((r) => r.metric.startsWith('events stored by both'))).toMatchObject({ value: 1200, baseline: 1200, met: true });
    const throughput = results.find((r) => r.metric.startsWith('plugin sync throughput'));
    expect(throughput).toMatchObject({ unit: 'events/s', target: '≥ 0.5× of direct' });
    expect(throughput?.value).toBeGreaterThan(0);
    expect(throughput?.baseline).toBeGreaterThan(0);
    expect(logs.some((l) => l.includes('through the plugin sync workflow'))).toBe(true);
    for (const side of ['a', 'b']) expect(await databaseExists(adminUrl, `waymark_bench_wf_${side}_${process.pid}`)).toBe(false);
  }, 240_000);
});
