import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTRIBUTION_MODELS, METRICS } from '@waymark/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorkspace } from '../demo/index.js';
import { seedDemoWorkspace } from '../demo/index.js';
import type { SqlDb } from '../kpi/index.js';
import { computeAttribution, computeFunnel, computeKpi, computeKpiSeries, enableConversionDays } from '../kpi/index.js';
import type { TestDatabase } from '../testing/index.js';
import { createTestDatabase } from '../testing/index.js';
import { exportWorkspace, importWorkspace } from './index.js';

// Counts must match exactly; float KPIs to 1e-9 relative, because a float sum over rollup rows
// depends on the order PostgreSQL scans them, which differs between any two databases.
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !(value instanceof Date);

function sameKpis(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number' && !Number.isInteger(expected)) {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (isRecord(expected)) {
    const got = isRecord(actual) ? actual : {};
    expect(Object.keys(got).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) sameKpis(got[key], value, `${path}.${key}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

async function withClient<T>(url: string | undefined, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!url) throw new Error('the test database has no URL');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// Every KPI the console shows, for the whole workspace and each demo journey.
async function kpiReport(db: SqlDb, demo: DemoWorkspace) {
  const window = { from: demo.from, to: demo.to };
  const report: Record<string, unknown> = {};
  const scopes = { workspace: {}, ...Object.fromEntries(Object.entries(demo.journeyIds).map(([name, journeyId]) => [name, { journeyId }])) };
  for (const [scopeName, scope] of Object.entries(scopes)) {
    for (const metric of METRICS) report[`${scopeName}:${metric}`] = await computeKpi(db, demo.workspaceId, { metric, scope, window });
  }
  report.series = await computeKpiSeries(db, demo.workspaceId, { metric: 'NPS', scope: {}, window, bucket: 'MONTH' });
  for (const journeyId of Object.values(demo.journeyIds)) {
    report[`funnel:${journeyId}`] = await computeFunnel(db, demo.workspaceId, { journeyId, window });
    for (const model of ATTRIBUTION_MODELS) report[`attribution:${journeyId}:${model}`] = await computeAttribution(db, demo.workspaceId, { journeyId, window, model });
  }
  return report;
}

describe('backup and restore of the demo workspace', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let demo: DemoWorkspace;
  let dir: string;

  beforeAll(async () => {
    source = await createTestDatabase('postgres');
    target = await createTestDatabase('postgres');
    demo = await seedDemoWorkspace(source.db, { scale: 0.1 });
    // with the conversion pre-aggregate kept, so its counts must come across exactly too
    await enableConversionDays(source.db, demo.workspaceId);
    dir = await mkdtemp(join(tmpdir(), 'waymark-restore-'));
  }, 240_000);

  afterAll(async () => {
    await source?.drop();
    await target?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('exported to files and imported into a fresh database, gives identical KPIs', async () => {
    const manifest = await withClient(source.databaseUrl, (client) => exportWorkspace(client, demo.workspaceId, join(dir, 'demo')));
    expect(manifest.tables.find((t) => t.table === 'events')?.rows).toBe(demo.events);
    await withClient(target.databaseUrl, (client) => importWorkspace(client, join(dir, 'demo')));

    const before = await kpiReport(source.db, demo);
    const after = await kpiReport(target.db, demo);
    sameKpis(after, before, 'kpis');
    expect(before['workspace:VOLUME']).toMatchObject({ sampleSize: demo.events });
  }, 240_000);
});
