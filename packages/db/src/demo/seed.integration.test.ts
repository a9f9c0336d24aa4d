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
    // What runs by itself: the KPI watch, each journey's audit and risk assessment, the initiative's ROI.
    const schedules = await database.db.query<{ kind: string; n: number; crons: string[]; zones: string[] }>(
      `SELECT kind, count(*)::int AS n, array_agg(DISTINCT cron) AS crons, array_agg(DISTINCT time_zone) AS zones FROM schedules WHERE workspace_id = $1::uuid GROUP BY kind ORDER BY kind`,
      [demo.workspaceId],
    );
    expect(schedules).toEqual([
      { kind: 'audit', n: 3, crons: ['0 6 * * *'], zones: ['Europe/Lisbon'] }, { kind: 'kpi-watch', n: 1, crons: ['0 * * * *'], zones: ['Europe/Lisbon'] },
      { kind: 'risk', n: 3, crons: ['30 6 * * *'], zones: ['Europe/Lisbon'] }, { kind: 'roi', n: 1, crons: ['0 7 * * 1'], zones: ['Europe/Lisbon'] },
    ]);
    const [initiative] = await database.db.query<{ id: string; start_date: Date; end_date: Date | null; keys: string[] }>(
      `SELECT i.id, i.start_date, i.end_date, array_agg(t.key) AS keys FROM initiatives i
       JOIN initiative_touchpoints it ON it.initiative_id = i.id JOIN touchpoints t ON t.id = it.touchpoint_id
       WHERE i.workspace_id = $1::uuid GROUP BY i.id`,
      [demo.workspaceId],
    );
    expect(initiative).toMatchObject({ id: demo.initiativeId, end_date: null, keys: ['resort.booking-engine'] });
    expect(demo.to.getTime() - new Date(initiative!.start_date).getTime()).toBe(42 * 86_400_000);
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

  it('raises the booking engine\'s booking values from the initiative\'s start, and changes nothing else', async () => {
    const demo = await seedDemoWorkspace(database.db, { scale: 0.1, seed: 3 });
    const started = demo.to.getTime() - 42 * 86_400_000;
    const values = await database.db.query<{ after: boolean; engine: boolean; n: number; nights: number; raised: number }>(
      `SELECT e.occurred_at >= $2::timestamptz AS after, t.key = 'resort.booking-engine' AS engine, count(*)::int AS n,
         -- a resort booking is 189 EUR a night; a raised one 1.25 × that
         count(*) FILTER (WHERE e.value::numeric % 189 = 0)::int AS nights,
         count(*) FILTER (WHERE e.value::numeric % 236.25 = 0)::int AS raised
       FROM events e JOIN touchpoints t ON t.id = e.touchpoint_id
       WHERE e.workspace_id = $1::uuid AND e.kind = 'BOOKING' AND t.key LIKE 'resort.%' GROUP BY 1, 2 ORDER BY 1, 2`,
      [demo.workspaceId, new Date(started).toISOString()],
    );
    expect(values.map((v) => [v.after, v.engine, v.n > 0])).toEqual([[false, false, true], [false, true, true], [true, false, true], [true, true, true]]);
    for (const v of values) {
      if (v.after && v.engine) expect(v.raised).toBe(v.n);
      else expect(v.nights).toBe(v.n);
    }
    // Not every raised value is a whole number of nights (4 nights × 1.25 = 5 nights is).
    expect(values.find((v) => v.after && v.engine)!.nights).toBeLessThan(values.find((v) => v.after && v.engine)!.n);
  });

  it('gives the same events for the same seed in another workspace', async () => {
    const a = await seedDemoWorkspace(database.db, { scale: 0.01, seed: 9 });
    const b = await seedDemoWorkspace(database.db, { scale: 0.01, seed: 9 });
    const shape = (ws: string) =>
      database.db.query(`SELECT external_id, occurred_at, kind, value, csat, nps FROM events WHERE workspace_id = $1::uuid ORDER BY external_id`, [ws]);
    expect(await shape(a.workspaceId)).toEqual(await shape(b.workspaceId));
  });
});
