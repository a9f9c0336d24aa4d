import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResult } from '../harness/graphql.js';
import { graphql, INGEST, makeEvents } from '../harness/graphql.js';
import { writeFigures } from '../harness/results.js';
import { scratchDatabase } from '../harness/scratch-database.js';
import type { ApiFixture } from './api-fixture.js';
import { apiWithJourney, countEvents } from './api-fixture.js';

const EVENTS = 3000;
const BATCH = 500;

const VOLUME = `query Volume($window: TimeWindow!) {
  volume: kpi(metric: VOLUME, scope: {}, window: $window) { value sampleSize }
  nps: kpi(metric: NPS, scope: {}, window: $window) { value sampleSize }
  revenue: kpi(metric: REVENUE, scope: {}, window: $window) { value sampleSize }
}`;
const WINDOW = { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };

async function ingestAll(fixture: ApiFixture, prefix: string) {
  const totals = { accepted: 0, duplicates: 0, rejected: 0 };
  for (let start = 0; start < EVENTS; start += BATCH) {
    const answer = await graphql<IngestResult>(fixture.api.url, fixture.api.adminToken, INGEST, { events: makeEvents(prefix, BATCH, start) });
    const result = answer.data?.ingestEvents;
    if (!result) throw new Error(`ingest failed: ${JSON.stringify(answer).slice(0, 500)}`);
    totals.accepted += result.accepted;
    totals.duplicates += result.duplicates;
    totals.rejected += result.rejected.length;
  }
  return totals;
}

describe('ingestion replayed twice', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let fixture: ApiFixture;

  beforeAll(async () => {
    database = await scratchDatabase('replay');
    fixture = await apiWithJourney(database.url);
  });

  afterAll(async () => {
    await fixture?.close();
    await database?.drop();
  });

  it('yields the same counts and KPIs: the second pass is all duplicates', async () => {
    const first = await ingestAll(fixture, 'replay');
    const kpisAfterFirst = await graphql(fixture.api.url, fixture.api.adminToken, VOLUME, { window: WINDOW });
    const second = await ingestAll(fixture, 'replay');
    const kpisAfterSecond = await graphql(fixture.api.url, fixture.api.adminToken, VOLUME, { window: WINDOW });

    expect(first).toEqual({ accepted: EVENTS, duplicates: 0, rejected: 0 });
    expect(second).toEqual({ accepted: 0, duplicates: EVENTS, rejected: 0 });
    expect(await countEvents(fixture.db, fixture.workspaceId, 'replay')).toBe(EVENTS);
    expect(kpisAfterFirst.errors).toBeUndefined();
    expect(kpisAfterSecond.data).toEqual(kpisAfterFirst.data);
    writeFigures('replay', [
      { metric: 'events sent per pass', value: EVENTS, unit: 'events' },
      { metric: 'first pass accepted', value: first.accepted, unit: 'events' },
      { metric: 'second pass accepted', value: second.accepted, unit: 'events' },
      { metric: 'second pass duplicates', value: second.duplicates, unit: 'events' },
      { metric: 'rows stored', value: await countEvents(fixture.db, fixture.workspaceId, 'replay'), unit: 'events' },
    ], { kpis: kpisAfterSecond.data });
  });

  it('stores each event once when two clients replay the same batches at the same time', async () => {
    const events = makeEvents('race', BATCH);
    const send = () => graphql<IngestResult>(fixture.api.url, fixture.api.adminToken, INGEST, { events });
    const answers = await Promise.all([send(), send(), send()]);
    const results = answers.map((a) => a.data?.ingestEvents);
    expect(results.every((r) => r !== undefined && r !== null)).toBe(true);
    const accepted = results.reduce((sum, r) => sum + (r?.accepted ?? 0), 0);
    const duplicates = results.reduce((sum, r) => sum + (r?.duplicates ?? 0), 0);
    expect(accepted).toBe(BATCH);
    expect(duplicates).toBe(2 * BATCH);
    expect(await countEvents(fixture.db, fixture.workspaceId, 'race')).toBe(BATCH);
  });
});
