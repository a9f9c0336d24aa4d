import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbKind } from '../client/db.js';
import { computeKpi } from '../kpi/index.js';
import type { TestDatabase } from '../testing/index.js';
import { createTestDatabase, DB_KINDS } from '../testing/index.js';
import { seedDemoWorkspace } from './seed.js';

describe.each(DB_KINDS)('demo workspace on %s', (kind: DbKind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('seeds journeys, touchpoints, customers and events whose rollups agree with the raw rows', async () => {
    const demo = await seedDemoWorkspace(database.db, { scale: 0.02, seed: 5 });
    expect(demo.customers).toBe(250);
    expect(Object.keys(demo.touchpointIds)).toHaveLength(41);
    const [counts] = await database.db.query<{ events: number; customers: number; journeys: number }>(
      `SELECT (SELECT count(*)::int FROM events WHERE workspace_id = $1::uuid) AS events,
              (SELECT count(*)::int FROM customers WHERE workspace_id = $1::uuid) AS customers,
              (SELECT count(*)::int FROM journeys WHERE workspace_id = $1::uuid) AS journeys`,
      [demo.workspaceId],
    );
    expect(counts).toEqual({ events: demo.events, customers: 250, journeys: 3 });
    const thresholds = await database.db.query<{ key: string; metric: string }>(
      'SELECT t.key, k.metric::text AS metric FROM kpi_thresholds k JOIN touchpoints t ON t.id = k.touchpoint_id WHERE k.workspace_id = $1::uuid ORDER BY t.key',
      [demo.workspaceId],
    );
    expect(thresholds).toEqual([
      { key: 'resort.booking-engine', metric: 'VOLUME' }, { key: 'resort.front-desk', metric: 'CSAT' },
      { key: 'resort.nps-survey', metric: 'NPS' }, { key: 'resort.restaurant', metric: 'CSAT' },
    ]);
    const volume = await computeKpi(database.db, demo.workspaceId, { metric: 'VOLUME', scope: {}, window: { from: demo.from, to: new Date(demo.to.getTime() + 1) } });
    expect(volume.value).toBe(demo.events);
    // Touchpoints are numbered 0..n-1 within each stage, in catalog order.
    const gaps = await database.db.query<{ stage_id: string }>(
      `SELECT stage_id FROM touchpoints WHERE workspace_id = $1::uuid
       GROUP BY stage_id HAVING min(position) <> 0 OR max(position) <> count(*) - 1 OR count(DISTINCT position) <> count(*)`,
      [demo.workspaceId],
    );
    expect(gaps).toEqual([]);
  });

  it('gives the same events for the same seed in another workspace', async () => {
    const a = await seedDemoWorkspace(database.db, { scale: 0.01, seed: 9 });
    const b = await seedDemoWorkspace(database.db, { scale: 0.01, seed: 9 });
    const shape = (ws: string) =>
      database.db.query(`SELECT external_id, occurred_at, kind, value, csat, nps FROM events WHERE workspace_id = $1::uuid ORDER BY external_id`, [ws]);
    expect(await shape(a.workspaceId)).toEqual(await shape(b.workspaceId));
  });
});
