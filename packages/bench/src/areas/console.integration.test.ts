import { describe, expect, it } from 'vitest';
import { runConsoleBench } from './console.js';

// The real thing at the smallest scale: the whole stack on the demo data and Debian's Chromium.
describe('console bench area (one run)', () => {
  it('measures the dashboard first load beside the sign-in page, when it is drawn, and the JavaScript sent', async () => {
    const logs: string[] = [];
    const [load, drawn, js] = await runConsoleBench({ log: (line) => logs.push(line) }, { runs: 1 });
    expect(load).toMatchObject({ unit: 'ms', target: '< 1500 ms' });
    expect(load?.value).toBeGreaterThan(0);
    expect(load?.baseline).toBeGreaterThan(0);
    expect(typeof load?.met).toBe('boolean');
    // Drawn comes after the load event: charts need their lazily loaded code.
    expect(drawn?.value).toBeGreaterThanOrEqual(load?.value ?? Infinity);
    expect(js).toMatchObject({ unit: 'KB' });
    // The dashboard ships the chart library on top of what the sign-in page needs.
    expect(js?.value).toBeGreaterThan(js?.baseline ?? Infinity);
  }, 600_000);
});
