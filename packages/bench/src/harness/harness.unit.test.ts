import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { percentile, time, timeMetric } from './measure.js';
import { runAreas, selectAreas } from './run.js';
import type { BenchArea, BenchReport } from './types.js';

const area = (name: string, run: BenchArea['run']): BenchArea => ({ name, description: `${name} area`, run });

describe('bench harness', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(10);
    expect(percentile(sorted, 0.95)).toBe(19);
  });

  it('times a function and reports p50 ≤ p95', async () => {
    const timing = await time(() => new Promise((r) => setTimeout(r, 1)), { iterations: 5, warmup: 1 });
    expect(timing.samples).toHaveLength(5);
    expect(timing.p50).toBeLessThanOrEqual(timing.p95);
  });

  it('states targets and whether they were met, with the ratio to the baseline', () => {
    expect(timeMetric('q p95', 4, 200, { maxMs: 50, minSpeedup: 20 })).toEqual({
      metric: 'q p95',
      value: 4,
      unit: 'ms',
      baseline: 200,
      ratio: 50,
      target: '≤ 50 ms and ≥ 20× faster than baseline',
      met: true,
    });
    expect(timeMetric('q p95', 60, 200, { maxMs: 50 }).met).toBe(false);
    expect(timeMetric('q', 60, null, {})).toMatchObject({ ratio: null, target: null, met: null });
  });

  it('runs the selected areas and writes results/<area>.json with the machine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const lines: string[] = [];
    const areas = [area('alpha', async () => [timeMetric('op p95', 2, 40, { minSpeedup: 20 })]), area('beta', async () => [])];
    const failed = await runAreas(areas, ['alpha'], { adminUrl: 'postgres://unused', resultsDir: dir, log: (l) => lines.push(l) });
    expect(failed).toBe(false);
    const report = JSON.parse(readFileSync(join(dir, 'alpha.json'), 'utf8')) as BenchReport;
    expect(report.area).toBe('alpha');
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.machine.memoryBytes).toBeGreaterThan(0);
    expect(report.results).toEqual([{ metric: 'op p95', value: 2, unit: 'ms', baseline: 40, ratio: 20, target: '≥ 20× faster than baseline', met: true }]);
    expect(lines.join('\n')).toContain('op p95');
  });

  it('reports an area that throws and rejects unknown area names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const failing = area('broken', () => Promise.reject(new Error('no database')));
    const lines: string[] = [];
    expect(await runAreas([failing], [], { adminUrl: '', resultsDir: dir, log: (l) => lines.push(l) })).toBe(true);
    expect(lines.join('\n')).toContain('no database');
    expect(() => selectAreas([failing], ['nope'])).toThrow(/unknown bench area "nope"; known areas: broken/);
  });
});
