import { DAY_MS } from '@waymark/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAttribution, computeFunnel, computeHeatmap, computeKpi, computeKpiSeries, computeRoi } from './index.js';
import type { FixtureEvent, FixtureWorkspace } from './test-support/fixtures.js';
import { createCustomers, createFixtureWorkspace, insertEvents } from './test-support/fixtures.js';
import type { DbKind } from '../client/db.js';
import type { TestDatabase } from '../testing/index.js';
import { createTestDatabase, DB_KINDS } from '../testing/index.js';

describe.each(DB_KINDS)('KPI engine on %s', (kind: DbKind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.drop();
  });

  const at = (iso: string) => new Date(iso);
  const wide = { from: at('2020-01-01T00:00:00Z'), to: at('2030-01-01T00:00:00Z') };

  // Stages S1..S3; touchpoints 0: S1 web, 1: S1 social, 2: S2 web, 3: S3 front_desk, 4: S3 app.
  async function setup(timeZone = 'Europe/Lisbon', customers = 6): Promise<FixtureWorkspace & { customers: string[] }> {
    const ws = await createFixtureWorkspace(database.db, timeZone, 3, [
      [0, 'web'],
      [0, 'social'],
      [1, 'web'],
      [2, 'front_desk'],
      [2, 'app'],
    ]);
    const ids = await createCustomers(database.db, ws.workspaceId, customers);
    return { ...ws, customers: ids };
  }

  function ev(ws: FixtureWorkspace & { customers: string[] }, tp: number, customer: number, iso: string, kind: FixtureEvent['kind'], extra: Partial<FixtureEvent> = {}): FixtureEvent {
    return { touchpointId: ws.touchpointIds[tp] ?? '', customerId: ws.customers[customer] ?? '', occurredAt: at(iso), kind, ...extra };
  }

  describe('score KPIs', () => {
    it('counts NPS 9–10 as promoters, 0–6 as detractors, 7–8 as passives', async () => {
      const ws = await setup();
      await insertEvents(database.db, ws.workspaceId, [6, 7, 8, 9, 10].map((nps, i) => ev(ws, 0, i, '2026-03-05T10:00:00Z', 'SURVEY', { nps })));
      await insertEvents(database.db, ws.workspaceId, [ev(ws, 0, 0, '2026-03-05T11:00:00Z', 'VIEW')]);
      // (2 promoters − 1 detractor) / 5 responses
      expect(await computeKpi(database.db, ws.workspaceId, { metric: 'NPS', scope: {}, window: wide })).toEqual({ value: 20, sampleSize: 5 });
    });

    it('counts CSAT 4–5 as satisfied and 3 as not', async () => {
      const ws = await setup();
      await insertEvents(database.db, ws.workspaceId, [3, 4, 4, 5, 2].map((csat, i) => ev(ws, 0, i, '2026-03-05T10:00:00Z', 'SURVEY', { csat })));
      expect(await computeKpi(database.db, ws.workspaceId, { metric: 'CSAT', scope: {}, window: wide })).toEqual({ value: 60, sampleSize: 5 });
    });

    it('averages CES and sentiment and sums revenue net of cancellations', async () => {
      const ws = await setup();
      await insertEvents(database.db, ws.workspaceId, [
        ev(ws, 3, 0, '2026-03-05T10:00:00Z', 'SURVEY', { ces: 2, sentiment: -0.5 }),
        ev(ws, 3, 1, '2026-03-05T10:00:00Z', 'SURVEY', { ces: 5, sentiment: 1 }),
        ev(ws, 3, 0, '2026-03-05T10:00:00Z', 'BOOKING', { value: 400 }),
        ev(ws, 3, 0, '2026-03-06T10:00:00Z', 'CANCELLATION', { value: 400 }),
        ev(ws, 4, 1, '2026-03-06T10:00:00Z', 'PURCHASE', { value: 50 }),
        ev(ws, 4, 1, '2026-03-06T10:00:00Z', 'BOOKING'),
        ev(ws, 4, 2, '2026-03-06T10:00:00Z', 'INQUIRY', { value: 999 }),
      ]);
      const kpi = (metric: 'CES' | 'SENTIMENT' | 'REVENUE' | 'VOLUME') => computeKpi(database.db, ws.workspaceId, { metric, scope: {}, window: wide });
      expect(await kpi('CES')).toEqual({ value: 3.5, sampleSize: 2 });
      expect(await kpi('SENTIMENT')).toEqual({ value: 0.25, sampleSize: 2 });
      expect(await kpi('REVENUE')).toEqual({ value: 50, sampleSize: 3 });
      expect(await kpi('VOLUME')).toEqual({ value: 7, sampleSize: 7 });
    });

    it('is null with sample size 0 where nothing qualifies', async () => {
      const ws = await setup();
      await insertEvents(database.db, ws.workspaceId, [ev(ws, 0, 0, '2026-03-05T10:00:00Z', 'VIEW')]);
      for (const metric of ['NPS', 'CSAT', 'CES', 'SENTIMENT', 'REVENUE'] as const) {
        expect(await computeKpi(database.db, ws.workspaceId, { metric, scope: {}, window: wide })).toEqual({ value: null, sampleSize: 0 });
      }
      for (const metric of ['VOLUME', 'CONVERSION_RATE'] as const) {
        expect(await computeKpi(database.db, ws.workspaceId, { metric, scope: { channel: 'fax' }, window: wide })).toEqual({ value: null, sampleSize: 0 });
      }
    });
  });

  describe('scopes and windows', () => {
    it('includes an event exactly at `from` and excludes one exactly at `to`', async () => {
      const ws = await setup();
      const from = '2026-03-10T10:07:00.000Z';
      const to = '2026-03-20T13:52:30.500Z';
      await insertEvents(database.db, ws.workspaceId, [
        ev(ws, 0, 0, '2026-03-10T10:06:59.999Z', 'VIEW'),
        ev(ws, 0, 0, from, 'VIEW'),
        ev(ws, 0, 0, '2026-03-15T12:00:00Z', 'VIEW'),
        ev(ws, 0, 0, '2026-03-20T13:52:30.499Z', 'VIEW'),
        ev(ws, 0, 0, to, 'VIEW'),
      ]);
      const volume = (f: string, t: string) => computeKpi(database.db, ws.workspaceId, { metric: 'VOLUME', scope: {}, window: { from: at(f), to: at(t) } });
      expect(await volume(from, to)).toEqual({ value: 3, sampleSize: 3 });
      expect(await volume(from, '2026-03-10T10:07:00.001Z')).toEqual({ value: 1, sampleSize: 1 });
      expect(await volume('2026-03-10T00:00:00Z', '2026-03-21T00:00:00Z')).toEqual({ value: 5, sampleSize: 5 });
    });

    it('narrows by journey, stage, touchpoint and channel', async () => {
      const ws = await setup();
      await insertEvents(database.db, ws.workspaceId, [
        ev(ws, 0, 0, '2026-03-05T10:00:00Z', 'VIEW'),
        ev(ws, 1, 0, '2026-03-05T10:00:00Z', 'VIEW'),
        ev(ws, 2, 0, '2026-03-05T10:00:00Z', 'VIEW'),
        ev(ws, 3, 0, '2026-03-05T10:00:00Z', 'VIEW'),
      ]);
      const volume = async (scope: Parameters<typeof computeKpi>[2]['scope']) => (await computeKpi(database.db, ws.workspaceId, { metric: 'VOLUME', scope, window: wide })).value;
      expect(await volume({ journeyId: ws.journeyId })).toBe(4);
      expect(await volume({ stageId: ws.stageIds[0] ?? '' })).toBe(2);
      expect(await volume({ touchpointId: ws.touchpointIds[2] ?? '' })).toBe(1);
      expect(await volume({ channel: 'web' })).toBe(2);
      expect(await volume({ stageId: ws.stageIds[0] ?? '', channel: 'web' })).toBe(1);
    });

    it('rejects an empty window and a malformed id with a clear error', async () => {
      const ws = await setup();
      await expect(computeKpi(database.db, ws.workspaceId, { metric: 'NPS', scope: {}, window: { from: wide.to, to: wide.from } })).rejects.toThrow(/must be before/);
      await expect(computeKpi(database.db, ws.workspaceId, { metric: 'NPS', scope: { journeyId: 'nope' }, window: wide })).rejects.toThrow(/must be a UUID/);
    });
  });

  describe('time series', () => {
    it('buckets by day in the workspace time zone across a DST change, listing empty buckets as null', async () => {
      const ws = await setup('Europe/Lisbon');
      await insertEvents(database.db, ws.workspaceId, [
        ev(ws, 0, 0, '2026-03-28T23:30:00Z', 'VIEW'), // local 28 March 23:30 (UTC+0)
        ev(ws, 0, 0, '2026-03-29T23:30:00Z', 'VIEW'), // local 30 March 00:30 (UTC+1)
      ]);
      const series = await computeKpiSeries(database.db, ws.workspaceId, {
        metric: 'VOLUME',
        scope: {},
        window: { from: at('2026-03-28T00:00:00Z'), to: at('2026-03-31T00:00:00Z') },
        bucket: 'DAY',
      });
      expect(series.map((p) => [p.bucketStart.toISOString(), p.value, p.sampleSize])).toEqual([
        ['2026-03-28T00:00:00.000Z', 1, 1],
        ['2026-03-29T00:00:00.000Z', null, 0],
        ['2026-03-29T23:00:00.000Z', 1, 1],
        ['2026-03-30T23:00:00.000Z', null, 0],
      ]);
    });

    it('buckets by ISO week and by month', async () => {
      const ws = await setup('Europe/Lisbon');
      await insertEvents(database.db, ws.workspaceId, [ev(ws, 0, 0, '2026-03-28T23:30:00Z', 'SURVEY', { nps: 10 }), ev(ws, 0, 0, '2026-03-29T23:30:00Z', 'SURVEY', { nps: 0 })]);
      const window = { from: at('2026-03-25T00:00:00Z'), to: at('2026-04-02T00:00:00Z') };
      const weeks = await computeKpiSeries(database.db, ws.workspaceId, { metric: 'NPS', scope: {}, window, bucket: 'WEEK' });
      expect(weeks.map((p) => [p.bucketStart.toISOString(), p.value])).toEqual([
        ['2026-03-23T00:00:00.000Z', 100],
        ['2026-03-29T23:00:00.000Z', -100],
      ]);
      const months = await computeKpiSeries(database.db, ws.workspaceId, { metric: 'NPS', scope: {}, window, bucket: 'MONTH' });
      expect(months.map((p) => [p.bucketStart.toISOString(), p.value, p.sampleSize])).toEqual([
        ['2026-03-01T00:00:00.000Z', 0, 2],
        ['2026-03-31T23:00:00.000Z', null, 0],
      ]);
    });
  });

  describe('conversion rate', () => {
    it('counts a conversion exactly at the conversion-window limit, not one millisecond later, nor one before the first event', async () => {
      const ws = await setup();
      const T = '2026-05-01T10:00:00.000Z';
      await insertEvents(database.db, ws.workspaceId, [
        ev(ws, 0, 0, T, 'VIEW'),
        ev(ws, 3, 0, '2026-05-31T10:00:00.000Z', 'BOOKING', { value: 100 }), // exactly 30 days later
        ev(ws, 0, 1, T, 'VIEW'),
        ev(ws, 3, 1, '2026-05-31T10:00:00.001Z', 'PURCHASE', { value: 100 }),
        ev(ws, 3, 2, '2026-04-30T10:00:00.000Z', 'BOOKING', { value: 100 }),
        ev(ws, 0, 2, T, 'VIEW'),
        ev(ws, 0, 3, T, 'VIEW'),
        ev(ws, 4, 3, T, 'BOOKING'), // same instant counts ("at or after"), even without a value
        ev(ws, 0, 4, '2026-04-30T10:00:00.000Z', 'VIEW'), // outside the window: not in the sample
        ev(ws, 3, 4, '2026-05-01T11:00:00.000Z', 'BOOKING', { value: 100 }),
      ]);
      const window = { from: at('2026-05-01T00:00:00Z'), to: at('2026-05-02T00:00:00Z') };
      expect(await computeKpi(database.db, ws.workspaceId, { metric: 'CONVERSION_RATE', scope: { touchpointId: ws.touchpointIds[0] ?? '' }, window })).toEqual({
        value: 0.5,
        sampleSize: 4,
      });
    });

    it('follows identity stitching: merged customers count once, while the additive rollups do not change', async () => {
      const ws = await setup();
      const [a, b] = ws.customers;
      await insertEvents(database.db, ws.workspaceId, [
        ev(ws, 0, 0, '2026-05-01T10:00:00Z', 'VIEW'),
        ev(ws, 0, 1, '2026-05-01T11:00:00Z', 'SURVEY', { csat: 5 }),
        ev(ws, 3, 1, '2026-05-01T12:00:00Z', 'BOOKING', { value: 80 }),
      ]);
      const window = { from: at('2026-05-01T00:00:00Z'), to: at('2026-05-02T00:00:00Z') };
      const conversion = () => computeKpi(database.db, ws.workspaceId, { metric: 'CONVERSION_RATE', scope: { stageId: ws.stageIds[0] ?? '' }, window });
      const volume = () => computeKpi(database.db, ws.workspaceId, { metric: 'VOLUME', scope: {}, window });
      expect(await conversion()).toEqual({ value: 0.5, sampleSize: 2 });
      await database.db.query('UPDATE events SET customer_id = $1::uuid WHERE customer_id = $2::uuid', [a, b]);
      await database.db.query('UPDATE customers SET merged_into_id = $1::uuid WHERE id = $2::uuid', [a, b]);
      expect(await conversion()).toEqual({ value: 1, sampleSize: 1 });
      expect(await volume()).toEqual({ value: 3, sampleSize: 3 });
      expect(await computeKpi(database.db, ws.workspaceId, { metric: 'CSAT', scope: {}, window })).toEqual({ value: 100, sampleSize: 1 });
    });
  });

  describe('funnel', () => {
    it('counts each step at or after the previous one and within the conversion window of entry', async () => {
      const ws = await setup();
      await insertEvents(database.db, ws.workspaceId, [
        // a: all three steps
        ev(ws, 0, 0, '2026-06-01T00:00:00Z', 'VIEW'),
        ev(ws, 2, 0, '2026-06-02T00:00:00Z', 'VIEW'),
        ev(ws, 3, 0, '2026-06-03T00:00:00Z', 'BOOKING'),
        // b: step 2 exactly at the 10-day limit, step 3 one millisecond past it
        ev(ws, 1, 1, '2026-06-02T00:00:00Z', 'VIEW'),
        ev(ws, 2, 1, '2026-06-12T00:00:00.000Z', 'VIEW'),
        ev(ws, 4, 1, '2026-06-12T00:00:00.001Z', 'VIEW'),
        // c: stage 2 only before entering
        ev(ws, 2, 2, '2026-05-31T00:00:00Z', 'VIEW'),
        ev(ws, 0, 2, '2026-06-03T00:00:00Z', 'VIEW'),
        // d: never enters inside the window
        ev(ws, 0, 3, '2026-05-31T00:00:00Z', 'VIEW'),
        ev(ws, 0, 3, '2026-06-09T00:00:00Z', 'VIEW'),
        ev(ws, 2, 3, '2026-06-09T01:00:00Z', 'VIEW'),
        // e: stage 3 before stage 2 does not count
        ev(ws, 0, 4, '2026-06-04T00:00:00Z', 'VIEW'),
        ev(ws, 3, 4, '2026-06-05T00:00:00Z', 'VIEW'),
        ev(ws, 2, 4, '2026-06-06T00:00:00Z', 'VIEW'),
      ]);
      const steps = await computeFunnel(database.db, ws.workspaceId, {
        journeyId: ws.journeyId,
        window: { from: at('2026-06-01T00:00:00Z'), to: at('2026-06-08T00:00:00Z') },
        conversionWindowDays: 10,
      });
      expect(steps.map((s) => s.reached)).toEqual([4, 3, 1]);
      expect(steps.map((s) => s.stageId)).toEqual(ws.stageIds);
      expect(steps[0]).toMatchObject({ conversionFromPrevious: null, dropOff: null });
      expect(steps[1]?.conversionFromPrevious).toBeCloseTo(0.75, 12);
      expect(steps[1]?.dropOff).toBeCloseTo(0.25, 12);
      expect(steps[2]?.conversionFromPrevious).toBeCloseTo(1 / 3, 12);
    });

    it('gives null conversion and drop-off after a step nobody reached', async () => {
      const ws = await setup();
      await insertEvents(database.db, ws.workspaceId, [ev(ws, 2, 0, '2026-06-02T00:00:00Z', 'VIEW')]);
      const steps = await computeFunnel(database.db, ws.workspaceId, { journeyId: ws.journeyId, window: wide });
      expect(steps.map((s) => [s.reached, s.conversionFromPrevious, s.dropOff])).toEqual([
        [0, null, null],
        [0, null, null],
        [0, null, null],
      ]);
    });
  });

  describe('attribution', () => {
    it('credits first, last, linear and 7-day half-life time decay over the touches in the conversion window', async () => {
      const ws = await setup();
      const C = Date.parse('2026-07-20T12:00:00Z');
      const iso = (daysBefore: number) => new Date(C - daysBefore * DAY_MS).toISOString();
      await insertEvents(database.db, ws.workspaceId, [
        ev(ws, 1, 0, iso(40), 'CLICK'), // before the 30-day look-back
        ev(ws, 0, 0, iso(14), 'VIEW'),
        ev(ws, 2, 0, iso(7), 'INQUIRY'),
        ev(ws, 3, 0, iso(0), 'BOOKING', { value: 700 }),
      ]);
      const window = { from: at('2026-07-01T00:00:00Z'), to: at('2026-08-01T00:00:00Z') };
      const credit = async (model: 'FIRST_TOUCH' | 'LAST_TOUCH' | 'LINEAR' | 'TIME_DECAY') =>
        Object.fromEntries(
          (await computeAttribution(database.db, ws.workspaceId, { journeyId: ws.journeyId, window, model })).map((r) => [ws.touchpointIds.indexOf(r.touchpointId), Math.round(r.revenue * 1e6) / 1e6]),
        );
      expect(await credit('FIRST_TOUCH')).toEqual({ 0: 700 });
      expect(await credit('LAST_TOUCH')).toEqual({ 3: 700 });
      expect(await credit('LINEAR')).toEqual({ 0: 233.333333, 2: 233.333333, 3: 233.333333 });
      // weights ¼, ½, 1 normalised by 7/4
      expect(await credit('TIME_DECAY')).toEqual({ 0: 100, 2: 200, 3: 400 });
    });
  });

  describe('heat map', () => {
    it('gives CSAT per stage and channel, null where nobody answered', async () => {
      const ws = await setup();
      await insertEvents(database.db, ws.workspaceId, [
        ev(ws, 3, 0, '2026-03-05T10:00:00Z', 'SURVEY', { csat: 2 }),
        ev(ws, 3, 1, '2026-03-05T10:00:00Z', 'SURVEY', { csat: 5 }),
        ev(ws, 4, 0, '2026-03-05T10:00:00Z', 'SURVEY', { csat: 4 }),
        ev(ws, 4, 1, '2026-03-05T10:00:00Z', 'SURVEY', { csat: 4 }),
      ]);
      const cells = await computeHeatmap(database.db, ws.workspaceId, { journeyId: ws.journeyId, window: wide, metric: 'CSAT' });
      expect(cells.map((c) => [ws.stageIds.indexOf(c.stageId), c.channel, c.value, c.sampleSize])).toEqual([
        [0, 'social', null, 0],
        [0, 'web', null, 0],
        [1, 'web', null, 0],
        [2, 'app', 100, 2],
        [2, 'front_desk', 50, 2],
      ]);
    });
  });

  describe('rollup freshness', () => {
    it('counts late events, ignores duplicates and follows deletes at once', async () => {
      const ws = await setup();
      const window = { from: at('2026-02-01T00:00:00Z'), to: at('2026-03-01T00:00:00Z') };
      const volume = async () => (await computeKpi(database.db, ws.workspaceId, { metric: 'VOLUME', scope: {}, window })).value;
      await insertEvents(database.db, ws.workspaceId, [ev(ws, 0, 0, '2026-02-10T10:00:00Z', 'VIEW', { externalId: 'x-1' })]);
      await insertEvents(database.db, ws.workspaceId, [ev(ws, 0, 0, '2026-04-10T10:00:00Z', 'VIEW', { externalId: 'x-2' })]);
      await insertEvents(database.db, ws.workspaceId, [ev(ws, 0, 0, '2026-02-03T10:00:00Z', 'VIEW', { externalId: 'late' })]);
      expect(await volume()).toBe(2);
      const again = await insertEvents(database.db, ws.workspaceId, [ev(ws, 0, 0, '2026-02-03T10:00:00Z', 'VIEW', { externalId: 'late' })]);
      expect(again).toEqual([]);
      expect(await volume()).toBe(2);
      await database.db.query(`DELETE FROM events WHERE workspace_id = $1::uuid AND external_id = 'x-1'`, [ws.workspaceId]);
      expect(await volume()).toBe(1);
    });

    it('re-derives local days when the workspace time zone changes', async () => {
      const ws = await setup('UTC');
      await insertEvents(database.db, ws.workspaceId, [ev(ws, 0, 0, '2026-03-10T23:30:00Z', 'VIEW')]);
      const window = { from: at('2026-03-10T00:00:00Z'), to: at('2026-03-12T00:00:00Z') };
      const days = async () =>
        (await computeKpiSeries(database.db, ws.workspaceId, { metric: 'VOLUME', scope: {}, window, bucket: 'DAY' })).filter((p) => p.value !== null).map((p) => p.bucketStart.toISOString());
      expect(await days()).toEqual(['2026-03-10T00:00:00.000Z']);
      await database.db.query(`UPDATE workspaces SET time_zone = 'Asia/Tokyo' WHERE id = $1::uuid`, [ws.workspaceId]);
      expect(await days()).toEqual(['2026-03-10T15:00:00.000Z']);
      const tokyoDay = { from: at('2026-03-10T15:00:00Z'), to: at('2026-03-11T15:00:00Z') };
      expect((await computeKpi(database.db, ws.workspaceId, { metric: 'VOLUME', scope: {}, window: tokyoDay })).value).toBe(1);
    });
  });

  describe('ROI', () => {
    it('compares the evaluation window with the equal-length baseline before it, worked by hand', async () => {
      const ws = await setup();
      await insertEvents(database.db, ws.workspaceId, [
        ev(ws, 3, 0, '2026-06-25T10:00:00Z', 'BOOKING', { value: 100 }),
        ev(ws, 3, 0, '2026-06-25T11:00:00Z', 'SURVEY', { csat: 5 }),
        ev(ws, 3, 1, '2026-07-02T10:00:00Z', 'BOOKING', { value: 300 }),
        ev(ws, 3, 1, '2026-07-05T10:00:00Z', 'CANCELLATION', { value: 50 }),
        ev(ws, 3, 1, '2026-07-05T11:00:00Z', 'SURVEY', { csat: 2 }),
        ev(ws, 4, 1, '2026-07-06T10:00:00Z', 'BOOKING', { value: 1000 }), // not an initiative touchpoint
      ]);
      const query = { touchpointIds: [ws.touchpointIds[3] ?? ''], startDate: at('2026-07-01T00:00:00Z'), endDate: at('2026-07-11T00:00:00Z'), cost: 50, seed: 3 };
      const report = await computeRoi(database.db, ws.workspaceId, query);
      // incremental = 250 − 100 × (10 / 10) = 150; ROI = (150 − 50) / 50 = 2
      expect(report.incrementalRevenue).toBe(150);
      expect(report.roi).toBe(2);
      expect(report.kpiDeltas.csat).toBe(-100);
      expect(report.kpiDeltas.nps).toBeNull();
      expect(report.ciLow).not.toBeNull();
      expect(report.ciLow ?? 0).toBeLessThanOrEqual(report.ciHigh ?? 0);
      expect(await computeRoi(database.db, ws.workspaceId, query)).toEqual(report);
    });
  });
});
