// Property: for random events, scopes and windows, the SQL fast path (rollups + raw edges +
// per-customer SQL) gives the same answers as the naive in-memory reference of SPEC §2.
import type { AttributionModel, Bucket, EventKind, KpiScope, KpiValue, Metric, TimeWindow } from '@waymark/domain';
import { ATTRIBUTION_MODELS, DAY_MS, EVENT_KINDS, METRICS, referenceAttribution, referenceFunnel, referenceHeatmap, referenceKpi, referenceSeries } from '@waymark/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAttribution, computeFunnel, computeHeatmap, computeKpi, computeKpiSeries, enableConversionDays } from './index.js';
import type { FixtureEvent } from './test-support/fixtures.js';
import { createCustomers, createFixtureWorkspace, insertEvents } from './test-support/fixtures.js';
import type { DbKind } from '../client/db.js';
import type { TestDatabase } from '../testing/index.js';
import { createTestDatabase, DB_KINDS } from '../testing/index.js';

// PGlite runs fewer cases: it is the embedded default, and a WASM PostgreSQL is slower.
const RUNS: Record<DbKind, number> = { postgres: 40, pglite: 8 };

describe.each(DB_KINDS)('on %s', (kind: DbKind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  const BASE = Date.parse('2026-03-20T00:00:00Z'); // spans Lisbon's DST change on 29 March
  const SPAN = 20 * DAY_MS;
  const QUARTER = 15 * 60_000;
  const CUSTOMERS = 8;
  const TOUCHPOINTS: [number, string][] = [
    [0, 'web'],
    [0, 'social'],
    [1, 'web'],
    [1, 'phone'],
    [2, 'front_desk'],
    [2, 'web'],
  ];

  // Instants either anywhere, or clustered around a few anchors (whole days apart, ± a few minutes
  // or exactly ±1 ms), so window edges, slot and day boundaries and conversion-window limits are hit.
  const ANCHORS = [0.3, 5.5, 9.25, 13.9].map((d) => Math.round((d * DAY_MS) / QUARTER) * QUARTER + QUARTER / 2); // mid-slot
  // UTC midnights (± 1 ms): the ends of the console's windows, answered from kpi_conversion_days.
  const midnight = fc.record({ day: fc.integer({ min: 0, max: SPAN / DAY_MS }), jitter: fc.constantFrom(0, 0, -1, 1) }).map(({ day, jitter }) => Math.max(0, day * DAY_MS + jitter));
  const instant = fc.oneof(
    fc.integer({ min: 0, max: SPAN }),
    midnight,
    fc.integer({ min: 0, max: SPAN / QUARTER }).map((q) => q * QUARTER),
    fc
      .record({
        anchor: fc.constantFrom(...ANCHORS),
        days: fc.integer({ min: 0, max: 2 }),
        jitter: fc.oneof(fc.constant(0), fc.constantFrom(-1, 1), fc.integer({ min: -7 * 60_000, max: 7 * 60_000 })),
      })
      .map(({ anchor, days, jitter }) => Math.max(0, anchor + days * DAY_MS + jitter)),
  );

  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 2 });

  const eventArb = fc.record({
    tp: fc.integer({ min: 0, max: TOUCHPOINTS.length - 1 }),
    customer: fc.integer({ min: 0, max: CUSTOMERS - 1 }),
    offset: instant,
    kind: fc.constantFrom<EventKind>(...EVENT_KINDS),
    value: optional(fc.integer({ min: 1, max: 500 })),
    csat: optional(fc.oneof(fc.constantFrom(3, 4), fc.integer({ min: 1, max: 5 }))), // boundaries 3/4 weighted up
    nps: optional(fc.oneof(fc.constantFrom(6, 7, 8, 9), fc.integer({ min: 0, max: 10 }))), // boundaries 6/7/8/9 weighted up
    ces: optional(fc.integer({ min: 1, max: 7 })),
    sentiment: optional(fc.integer({ min: -4, max: 4 }).map((x) => x / 4)),
  });

  const dayWindow = fc.tuple(fc.integer({ min: 0, max: SPAN / DAY_MS }), fc.integer({ min: 0, max: SPAN / DAY_MS })).filter(([a, b]) => a !== b).map(([a, b]) => [Math.min(a, b) * DAY_MS, Math.max(a, b) * DAY_MS]);
  const windowArb = fc
    .oneof(fc.tuple(instant, instant).filter(([a, b]) => a !== b), dayWindow)
    .map(([a, b]) => ({ from: new Date(BASE + Math.min(a, b)), to: new Date(BASE + Math.max(a, b)) }));

  type ScopePick = 'workspace' | 'journey' | 'stage' | 'touchpoint' | 'channel';
  const scopeArb = fc.record({ kind: fc.constantFrom<ScopePick>('workspace', 'journey', 'stage', 'touchpoint', 'channel'), index: fc.integer({ min: 0, max: 5 }) });

  const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
  const sameKpi = (a: KpiValue, b: KpiValue) => a.sampleSize === b.sampleSize && close(a.value, b.value);

  describe('fast path equals the naive reference', () => {
    it('for every KPI, scope, window, bucket, the funnel, attribution and heat map', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(eventArb, { minLength: 30, maxLength: 80, size: 'max' }),
          fc.array(fc.tuple(windowArb, scopeArb), { minLength: 2, maxLength: 2 }),
          fc.constantFrom<Bucket>('DAY', 'WEEK', 'MONTH'),
          fc.constantFrom<AttributionModel>(...ATTRIBUTION_MODELS),
          fc.integer({ min: 0, max: 3 }),
          fc.boolean(),
          async (events, queries, bucket, model, conversionWindowDays, conversionDays) => {
            const ws = await createFixtureWorkspace(database.db, 'Europe/Lisbon', 3, TOUCHPOINTS);
            // with kpi_conversion_days, or the conversion tile from events only
            if (conversionDays) await enableConversionDays(database.db, ws.workspaceId);
            const customers = await createCustomers(database.db, ws.workspaceId, CUSTOMERS);
            const rows: FixtureEvent[] = events.map((e) => ({
              touchpointId: ws.touchpointIds[e.tp] ?? '',
              customerId: customers[e.customer] ?? '',
              occurredAt: new Date(BASE + e.offset),
              kind: e.kind,
              value: e.value,
              csat: e.csat,
              nps: e.nps,
              ces: e.ces,
              sentiment: e.sentiment,
            }));
            const reference = await insertEvents(database.db, ws.workspaceId, rows);
            const scopeOf = (pick: { kind: ScopePick; index: number }): KpiScope => {
              if (pick.kind === 'journey') return { journeyId: ws.journeyId };
              if (pick.kind === 'stage') return { stageId: ws.stageIds[pick.index % 3] ?? '' };
              if (pick.kind === 'touchpoint') return { touchpointId: ws.touchpointIds[pick.index] ?? '' };
              if (pick.kind === 'channel') return { channel: TOUCHPOINTS[pick.index]?.[1] ?? 'web' };
              return {};
            };
            for (const [window, pick] of queries) {
              const scope = scopeOf(pick);
              for (const metric of METRICS) {
                const fast = await computeKpi(database.db, ws.workspaceId, { metric, scope, window, conversionWindowDays });
                const slow = referenceKpi(reference, ws.catalog, { metric, scope, window, conversionWindowDays });
                expect(sameKpi(fast, slow), `${metric} ${JSON.stringify(scope)} ${window.from.toISOString()}..${window.to.toISOString()}: ${JSON.stringify(fast)} vs ${JSON.stringify(slow)}`).toBe(true);
              }
              await checkSeries(ws.workspaceId, reference, ws.catalog, { metric: pickMetric(pick.index), scope, window, bucket, conversionWindowDays });
            }
            const [window] = queries[0] ?? [];
            if (!window) return;
            const funnel = await computeFunnel(database.db, ws.workspaceId, { journeyId: ws.journeyId, window, conversionWindowDays });
            expect(funnel).toEqual(referenceFunnel(reference, ws.catalog, { journeyId: ws.journeyId, window, conversionWindowDays }));
            const attribution = await computeAttribution(database.db, ws.workspaceId, { journeyId: ws.journeyId, window, model, conversionWindowDays });
            const expected = referenceAttribution(reference, ws.catalog, { journeyId: ws.journeyId, window, model, conversionWindowDays });
            const byTp = new Map(expected.map((r) => [r.touchpointId, r]));
            expect(attribution.length).toBe(expected.length);
            for (const row of attribution) {
              expect(close(row.revenue, byTp.get(row.touchpointId)?.revenue ?? null) && close(row.conversions, byTp.get(row.touchpointId)?.conversions ?? null)).toBe(true);
            }
            for (const metric of ['CSAT', 'NPS'] as const) {
              const cells = await computeHeatmap(database.db, ws.workspaceId, { journeyId: ws.journeyId, window, metric });
              const slow = referenceHeatmap(reference, ws.catalog, { journeyId: ws.journeyId, window, metric });
              expect(cells.length).toBe(slow.length);
              cells.forEach((cell, i) => expect(cell.stageId === slow[i]?.stageId && cell.channel === slow[i]?.channel && sameKpi(cell, slow[i] ?? { value: null, sampleSize: -1 })).toBe(true));
            }
          },
        ),
        { numRuns: RUNS[kind], seed: 20261123, endOnFailure: true },
      );
    });
  });

  const pickMetric = (i: number): Metric => METRICS[i % METRICS.length] ?? 'VOLUME';

  async function checkSeries(
    workspaceId: string,
    reference: Parameters<typeof referenceSeries>[0],
    catalog: Parameters<typeof referenceSeries>[1],
    query: { metric: Metric; scope: KpiScope; window: TimeWindow; bucket: Bucket; conversionWindowDays: number },
  ): Promise<void> {
    const fast = await computeKpiSeries(database.db, workspaceId, query);
    const slow = referenceSeries(reference, catalog, { ...query, timeZone: 'Europe/Lisbon' });
    expect(fast.map((p) => p.bucketStart.toISOString())).toEqual(slow.map((p) => p.bucketStart.toISOString()));
    fast.forEach((p, i) => expect(sameKpi(p, slow[i] ?? { value: null, sampleSize: -1 }), `${query.metric} ${query.bucket} bucket ${p.bucketStart.toISOString()}`).toBe(true));
  }
});
