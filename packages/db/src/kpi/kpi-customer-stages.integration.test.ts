// Property: the per-customer KPIs (conversion, funnel, attribution) stay equal to the naive SPEC §2
// reference while their pre-aggregate (kpi_customer_stages) is maintained by triggers through late
// and duplicate batches, identity merges, deletes and touchpoint moves, whether the later batches
// were written as a sync writes them (KPI maintenance deferred, folded by the next KPI read) or not.
import type { EventKind, KpiScope, ReferenceCatalog, ReferenceEvent } from '@waymark/domain';
import { DAY_MS, EVENT_KINDS, referenceAttribution, referenceFunnel, referenceKpi } from '@waymark/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAttribution, computeFunnel, computeKpi, enableConversionDays, foldPendingKpis, pendingKpiEvents, rebuildKpiRollups } from './index.js';
import type { FixtureEvent, FixtureWorkspace } from './test-support/fixtures.js';
import { createCustomers, createFixtureWorkspace, insertEvents, insertEventsDeferred } from './test-support/fixtures.js';
import type { DbKind } from '../client/db.js';
import type { SqlDb } from './sql.js';
import { ingestEvents } from '../index.js';
import type { TestDatabase } from '../testing/index.js';
import { createTestDatabase, DB_KINDS } from '../testing/index.js';

const RUNS: Record<DbKind, number> = { postgres: 40, pglite: 8 };
const BASE = Date.parse('2026-03-20T00:00:00Z');
const SPAN = 20 * DAY_MS;
const QUARTER = 15 * 60_000;
const CUSTOMERS = 6;
const TOUCHPOINTS: [number, string][] = [
  [0, 'web'],
  [0, 'social'],
  [1, 'web'],
  [1, 'phone'],
  [2, 'front_desk'],
  [3, 'web'],
];
const STAGES = 4;

// Instants anywhere, on slot boundaries, or whole days apart (± 0, 1 ms or minutes) so that window
// limits and conversion-window limits (whole days) are hit exactly.
const ANCHORS = [0.3, 2.5, 4.25, 7.9].map((d) => Math.round((d * DAY_MS) / QUARTER) * QUARTER);
// UTC midnights (± 1 ms): the ends of the console's windows, answered from kpi_conversion_days.
const midnight = fc.record({ day: fc.integer({ min: 0, max: SPAN / DAY_MS }), jitter: fc.constantFrom(0, 0, -1, 1) }).map(({ day, jitter }) => Math.max(0, day * DAY_MS + jitter));
const instant = fc.oneof(
  fc.integer({ min: 0, max: SPAN }),
  midnight,
  fc
    .record({
      anchor: fc.constantFrom(...ANCHORS),
      days: fc.integer({ min: 0, max: 3 }),
      jitter: fc.oneof(fc.constant(0), fc.constantFrom(-1, 1), fc.integer({ min: -5 * 60_000, max: 5 * 60_000 })),
    })
    .map(({ anchor, days, jitter }) => Math.max(0, anchor + days * DAY_MS + jitter)),
);
const eventArb = fc.record({
  tp: fc.integer({ min: 0, max: TOUCHPOINTS.length - 1 }),
  customer: fc.integer({ min: 0, max: CUSTOMERS - 1 }),
  offset: instant,
  kind: fc.oneof(fc.constantFrom<EventKind>('BOOKING', 'PURCHASE'), fc.constantFrom<EventKind>(...EVENT_KINDS)),
  value: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
});
type EventPick = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

const changesArb = fc.record({
  // batches after the first: late events (older instants) and re-sent external ids (duplicates)
  later: fc.array(fc.array(eventArb, { minLength: 1, maxLength: 15 }), { minLength: 1, maxLength: 3 }),
  resend: fc.array(fc.nat(), { maxLength: 5 }),
  merges: fc.array(fc.tuple(fc.integer({ min: 0, max: CUSTOMERS - 1 }), fc.integer({ min: 0, max: CUSTOMERS - 1 })), { maxLength: 2 }),
  deletes: fc.array(fc.nat(), { maxLength: 4 }),
  move: fc.option(fc.tuple(fc.integer({ min: 0, max: TOUCHPOINTS.length - 1 }), fc.integer({ min: 0, max: STAGES - 1 })), { nil: null }),
  // a touchpoint changing channel, and one deleted with its events (cascade)
  rechannel: fc.option(fc.tuple(fc.integer({ min: 0, max: TOUCHPOINTS.length - 1 }), fc.constantFrom('web', 'phone', 'email')), { nil: null }),
  drop: fc.option(fc.integer({ min: 0, max: TOUCHPOINTS.length - 1 }), { nil: null }),
  // later batches written with KPI maintenance deferred: still pending during the changes above
  defer: fc.boolean(),
});
const dayWindow = fc.tuple(fc.integer({ min: 0, max: SPAN / DAY_MS }), fc.integer({ min: 0, max: SPAN / DAY_MS })).filter(([a, b]) => a !== b).map(([a, b]) => [a * DAY_MS, b * DAY_MS]);
const windowArb = fc
  .oneof(fc.tuple(instant, instant).filter(([a, b]) => a !== b), dayWindow)
  .map(([a, b]) => ({ from: new Date(BASE + Math.min(a, b)), to: new Date(BASE + Math.max(a, b)) }));

interface Row {
  id: string;
  touchpoint_id: string;
  customer_id: string;
  occurred_at: Date;
  kind: EventKind;
  value: number | null;
}

// The reference reads what is stored, so it sees every change exactly as committed.
async function storedEvents(db: SqlDb, workspaceId: string): Promise<ReferenceEvent[]> {
  const rows = await db.query<Row>(
    'SELECT id::text AS id, touchpoint_id, customer_id, occurred_at, kind::text AS kind, value FROM events WHERE workspace_id = $1::uuid ORDER BY id',
    [workspaceId],
  );
  return rows.map((r) => ({
    seq: Number(r.id),
    touchpointId: r.touchpoint_id,
    customerId: r.customer_id,
    occurredAt: new Date(r.occurred_at),
    kind: r.kind,
    value: r.value === null ? null : Number(r.value),
    csat: null,
    nps: null,
    ces: null,
    sentiment: null,
  }));
}

async function storedCatalog(db: SqlDb, ws: FixtureWorkspace): Promise<ReferenceCatalog> {
  const rows = await db.query<{ id: string; stage_id: string; channel: string }>('SELECT id, stage_id, channel FROM touchpoints WHERE workspace_id = $1::uuid', [ws.workspaceId]);
  return { stages: ws.catalog.stages, touchpoints: rows.map((r) => ({ id: r.id, stageId: r.stage_id, channel: r.channel })) };
}

// The pre-aggregate equals a fresh derivation from the events (no stale, missing or extra rows).
async function preAggregateDrift(db: SqlDb, workspaceId: string): Promise<number> {
  const rows = await db.query<{ n: unknown }>(
    `WITH fresh AS (
       SELECT e.customer_id, tp.stage_id, min(e.occurred_at) AS first_at, max(e.occurred_at) AS last_at
       FROM events e JOIN touchpoints tp ON tp.id = e.touchpoint_id WHERE e.workspace_id = $1::uuid GROUP BY 1, 2),
     kept AS (SELECT customer_id, stage_id, first_at, last_at FROM kpi_customer_stages WHERE workspace_id = $1::uuid)
     SELECT count(*)::int AS n FROM ((SELECT * FROM fresh EXCEPT ALL SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT ALL SELECT * FROM fresh)) d`,
    [workspaceId],
  );
  return Number(rows[0]?.n ?? -1);
}

// kpi_conversion_days as kept by the triggers (zero counts left by deltas dropped), in key order.
async function conversionDaysRows(db: SqlDb, workspaceId: string): Promise<string[]> {
  const rows = await db.query<{ r: string }>(
    `SELECT concat_ws(' ', scope, scope_key, day, prev_day, lag_days, customers) AS r FROM kpi_conversion_days
     WHERE workspace_id = $1::uuid AND customers <> 0 ORDER BY scope, scope_key, day, prev_day, lag_days`,
    [workspaceId],
  );
  return rows.map((row) => row.r);
}

// The additive rollups as kept by their triggers (rows emptied by deletes dropped); values here are
// whole numbers, so a rebuild must give exactly the same rows.
async function rollupRows(db: SqlDb, workspaceId: string): Promise<string[]> {
  const rows = await db.query<{ r: string }>(
    `SELECT concat_ws(' ', 'slot', touchpoint_id, slot_start, events, revenue_events, revenue_sum) AS r FROM kpi_rollup_slots WHERE workspace_id = $1::uuid AND events <> 0
     UNION ALL
     SELECT concat_ws(' ', 'day', touchpoint_id, day, events, revenue_events, revenue_sum) FROM kpi_rollup_days WHERE workspace_id = $1::uuid AND events <> 0
     ORDER BY 1`,
    [workspaceId],
  );
  return rows.map((row) => row.r);
}

// What stitching does on a merge (identity/stitch.ts): re-point the loser's events to the survivor.
// Folds what is left, then checks nothing is pending and the tables equal a rebuild from events.
async function expectAllFoldedAsRebuilt(db: SqlDb, workspaceId: string): Promise<void> {
  await foldPendingKpis(db, workspaceId);
  expect(await pendingKpiEvents(db, workspaceId)).toBe(0);
  expect(await preAggregateDrift(db, workspaceId)).toBe(0);
  const kept = await rollupRows(db, workspaceId);
  await rebuildKpiRollups(db, workspaceId);
  expect(await rollupRows(db, workspaceId)).toEqual(kept);
}

async function merge(db: SqlDb, workspaceId: string, loser: string, survivor: string): Promise<void> {
  await db.query('UPDATE customers SET merged_into_id = $3::uuid WHERE workspace_id = $1::uuid AND id = $2::uuid', [workspaceId, loser, survivor]);
  await db.query('UPDATE events e SET customer_id = $3::uuid WHERE e.workspace_id = $1::uuid AND e.customer_id = $2::uuid', [workspaceId, loser, survivor]);
}

describe.each(DB_KINDS)('on %s', (kind: DbKind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  const fixture = (ws: FixtureWorkspace, customers: string[], picks: EventPick[], externalIds?: string[]): FixtureEvent[] =>
    picks.map((e, i) => ({
      touchpointId: ws.touchpointIds[e.tp] ?? '',
      customerId: customers[e.customer] ?? '',
      occurredAt: new Date(BASE + e.offset),
      kind: e.kind,
      value: e.value,
      ...(externalIds?.[i] === undefined ? {} : { externalId: externalIds[i] }),
    }));

  it('conversion, funnel and attribution equal the reference after late and duplicate batches, merges, deletes and moves', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 15, maxLength: 50 }),
        changesArb,
        fc.array(windowArb, { minLength: 2, maxLength: 2 }),
        fc.integer({ min: 0, max: 3 }),
        async (first, changes, windows, conversionWindowDays) => {
          const db = database.db;
          const ws = await createFixtureWorkspace(db, 'Europe/Lisbon', STAGES, TOUCHPOINTS);
          await enableConversionDays(db, ws.workspaceId);
          const customers = await createCustomers(db, ws.workspaceId, CUSTOMERS);
          const firstIds = first.map((_, i) => `first-${i}`);
          await insertEvents(db, ws.workspaceId, fixture(ws, customers, first, firstIds));
          const insertLater = changes.defer ? insertEventsDeferred : insertEvents;
          for (const batch of changes.later) await insertLater(db, ws.workspaceId, fixture(ws, customers, batch));
          // Re-sent external ids with other data: skipped by ON CONFLICT, so they must not count.
          const resent = changes.resend.map((n) => ({ ...first[n % first.length], offset: 0 }) as EventPick);
          await insertLater(db, ws.workspaceId, fixture(ws, customers, resent, changes.resend.map((n) => firstIds[n % first.length] ?? 'x')));
          if (changes.defer) expect(await pendingKpiEvents(db, ws.workspaceId)).toBeGreaterThan(0);
          for (const [a, b] of changes.merges) if (a !== b) await merge(db, ws.workspaceId, customers[a] ?? '', customers[b] ?? '');
          for (const n of changes.deletes) {
            await db.query('DELETE FROM events WHERE workspace_id = $1::uuid AND external_id = $2', [ws.workspaceId, firstIds[n % first.length]]);
          }
          if (changes.move) {
            const [tp, stage] = changes.move;
            await db.query('UPDATE touchpoints SET stage_id = $2::uuid WHERE id = $1::uuid', [ws.touchpointIds[tp], ws.stageIds[stage]]);
          }
          if (changes.rechannel) {
            const [tp, channel] = changes.rechannel;
            await db.query('UPDATE touchpoints SET channel = $2 WHERE id = $1::uuid', [ws.touchpointIds[tp], channel]);
          }
          if (changes.drop !== null) await db.query('DELETE FROM touchpoints WHERE id = $1::uuid', [ws.touchpointIds[changes.drop]]);
          // A KPI read folds whatever is still pending before it reads.
          const [firstWindow] = windows;
          if (firstWindow) await computeFunnel(db, ws.workspaceId, { journeyId: ws.journeyId, window: firstWindow, conversionWindowDays });
          expect(await pendingKpiEvents(db, ws.workspaceId)).toBe(0);
          expect(await preAggregateDrift(db, ws.workspaceId)).toBe(0);
          const conversionDays = await conversionDaysRows(db, ws.workspaceId);
          const rollups = await rollupRows(db, ws.workspaceId);
          const reference = await storedEvents(db, ws.workspaceId);
          const catalog = await storedCatalog(db, ws);
          const scopes: KpiScope[] = [{}, { journeyId: ws.journeyId }, { stageId: ws.stageIds[0] ?? '' }, { stageId: ws.stageIds[1] ?? '' }, { channel: 'web' }, { touchpointId: ws.touchpointIds[0] ?? '' }];
          for (const window of windows) {
            const funnel = await computeFunnel(db, ws.workspaceId, { journeyId: ws.journeyId, window, conversionWindowDays });
            expect(funnel).toEqual(referenceFunnel(reference, catalog, { journeyId: ws.journeyId, window, conversionWindowDays }));
            for (const scope of scopes) {
              const fast = await computeKpi(db, ws.workspaceId, { metric: 'CONVERSION_RATE', scope, window, conversionWindowDays });
              expect(fast).toEqual(referenceKpi(reference, catalog, { metric: 'CONVERSION_RATE', scope, window, conversionWindowDays }));
            }
            const attribution = await computeAttribution(db, ws.workspaceId, { journeyId: ws.journeyId, window, model: 'LINEAR', conversionWindowDays });
            const expected = referenceAttribution(reference, catalog, { journeyId: ws.journeyId, window, model: 'LINEAR', conversionWindowDays });
            expect(attribution.map((r) => r.touchpointId).sort()).toEqual(expected.map((r) => r.touchpointId).sort());
          }
          // A rebuild derives the same rows the triggers kept.
          await rebuildKpiRollups(db, ws.workspaceId);
          expect(await preAggregateDrift(db, ws.workspaceId)).toBe(0);
          expect(await conversionDaysRows(db, ws.workspaceId)).toEqual(conversionDays);
          expect(await rollupRows(db, ws.workspaceId)).toEqual(rollups);
        },
      ),
      { numRuns: RUNS[kind], seed: 20261129, endOnFailure: true },
    );
  });

  it('stays exact while deferred sync batches, direct batches, folds and deletes run at once', async () => {
    const db = database.db;
    const ws = await createFixtureWorkspace(db, 'Europe/Lisbon', STAGES, TOUCHPOINTS);
    // Both writers hit the same touchpoints, 15-minute slots, days and customers.
    const batch = (prefix: string, round: number) =>
      Array.from({ length: 150 }, (_, i) => ({
        source: 'test',
        externalId: `${prefix}-${round}-${i}`,
        touchpointKey: `tp-${i % TOUCHPOINTS.length}`,
        customerRef: `crm:x:${(i * 7) % 30}`,
        occurredAt: new Date(BASE + ((i * 37 + round * 11) % 2880) * 60_000).toISOString(),
        kind: i % 3 === 0 ? ('PURCHASE' as const) : ('VIEW' as const),
        ...(i % 3 === 0 ? { value: 10 + i } : {}),
      }));
    for (let round = 0; round < 6; round += 1) {
      const results = await Promise.allSettled([
        ingestEvents(db, ws.workspaceId, batch('sync', round), { deferKpis: true }),
        ingestEvents(db, ws.workspaceId, batch('api', round)),
        foldPendingKpis(db, ws.workspaceId),
        db.query("DELETE FROM events WHERE workspace_id = $1::uuid AND external_id LIKE 'sync-' || $2::text || '-1%'", [ws.workspaceId, String(round - 1)]),
      ]);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      // and some of this round's sync events, most likely still pending
      await db.query("DELETE FROM events WHERE workspace_id = $1::uuid AND external_id LIKE 'sync-' || $2::text || '-2%'", [ws.workspaceId, String(round)]);
    }
    await expectAllFoldedAsRebuilt(db, ws.workspaceId);
  });

  it('keeps one pending row per deferred statement, claims whole rows, and skips pending events deleted since', async () => {
    const db = database.db;
    const ws = await createFixtureWorkspace(db, 'UTC', STAGES, TOUCHPOINTS);
    const page = (round: number) =>
      Array.from({ length: 120 }, (_, i) => ({
        source: 'test',
        externalId: `page-${round}-${i}`,
        touchpointKey: `tp-${i % TOUCHPOINTS.length}`,
        customerRef: `crm:x:${i % 25}`,
        occurredAt: new Date(BASE + (round * 120 + i) * 60_000).toISOString(),
        kind: 'VIEW' as const,
      }));
    for (let round = 0; round < 3; round += 1) await ingestEvents(db, ws.workspaceId, page(round), { deferKpis: true });
    const rows = await db.query<{ events: number; ids: string[] }>(
      'SELECT events, event_ids::text[] AS ids FROM kpi_rollup_pending WHERE workspace_id = $1::uuid ORDER BY batch_id',
      [ws.workspaceId],
    );
    const stored = await db.query<{ id: string }>('SELECT id::text FROM events WHERE workspace_id = $1::uuid ORDER BY id', [ws.workspaceId]);
    // A row per statement (two if its ids cross a run of 8,192), each counting its own ids.
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.length).toBeLessThanOrEqual(6);
    for (const row of rows) expect(row.ids).toHaveLength(row.events);
    expect(rows.flatMap((r) => r.ids)).toEqual(stored.map((r) => r.id));
    // Pending events deleted before their fold stay listed until it, and the fold skips them.
    await db.query("DELETE FROM events WHERE workspace_id = $1::uuid AND external_id LIKE 'page-0-1%'", [ws.workspaceId]);
    expect(await pendingKpiEvents(db, ws.workspaceId)).toBe(360);
    const [first, second] = rows.map((r) => r.events);
    const claimed = await db.query<{ n: number }>('SELECT kpi_fold_pending($1::uuid, $2::int) AS n', [ws.workspaceId, (first ?? 0) + 1]);
    const n = claimed[0]?.n ?? -1;
    expect(n).toBe((first ?? 0) + (second ?? 0));
    expect(await pendingKpiEvents(db, ws.workspaceId)).toBe(360 - n);
    await expectAllFoldedAsRebuilt(db, ws.workspaceId);
  });

  it('follows a merge made by ingestion (a link event joins two customers) without a rebuild', async () => {
    const db = database.db;
    const ws = await createFixtureWorkspace(db, 'UTC', STAGES, TOUCHPOINTS);
    await enableConversionDays(db, ws.workspaceId);
    const at = (days: number) => new Date(BASE + days * DAY_MS).toISOString();
    const event = (id: string, tp: number, days: number, ref: string, kind: EventKind = 'VIEW', linkedRefs?: string[]) => ({
      source: 'test',
      externalId: id,
      touchpointKey: `tp-${tp}`,
      customerRef: ref,
      occurredAt: at(days),
      kind,
      ...(linkedRefs ? { linkedRefs } : {}),
    });
    // Two identities: stage 1 and 2 as "a", stage 3 and a booking as "b"; then one event links them.
    await ingestEvents(db, ws.workspaceId, [event('1', 0, 1, 'crm:x:a'), event('2', 2, 2, 'crm:x:a'), event('3', 4, 3, 'crm:x:b'), event('4', 4, 3.5, 'crm:x:b', 'BOOKING')]);
    const window = { from: new Date(BASE), to: new Date(BASE + 10 * DAY_MS) };
    const before = await computeFunnel(db, ws.workspaceId, { journeyId: ws.journeyId, window });
    expect(before.map((s) => s.reached)).toEqual([1, 1, 0, 0]);
    await ingestEvents(db, ws.workspaceId, [event('5', 5, 4, 'crm:x:a', 'VIEW', ['crm:x:b'])]);
    const reference = await storedEvents(db, ws.workspaceId);
    expect(new Set(reference.map((e) => e.customerId)).size).toBe(1);
    const funnel = await computeFunnel(db, ws.workspaceId, { journeyId: ws.journeyId, window });
    expect(funnel.map((s) => s.reached)).toEqual([1, 1, 1, 1]);
    expect(funnel).toEqual(referenceFunnel(reference, ws.catalog, { journeyId: ws.journeyId, window, conversionWindowDays: 30 }));
    const conversion = await computeKpi(db, ws.workspaceId, { metric: 'CONVERSION_RATE', scope: { stageId: ws.stageIds[0] ?? '' }, window });
    expect(conversion).toEqual({ value: 1, sampleSize: 1 });
    expect(await preAggregateDrift(db, ws.workspaceId)).toBe(0);
  });
});
