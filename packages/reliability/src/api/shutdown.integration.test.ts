import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphqlResponse, IngestResult } from '../harness/graphql.js';
import { graphql, INGEST, makeEvents } from '../harness/graphql.js';
import { writeFigures } from '../harness/results.js';
import { scratchDatabase } from '../harness/scratch-database.js';
import type { ApiFixture } from './api-fixture.js';
import { apiWithJourney, countEvents } from './api-fixture.js';

const IN_FLIGHT = 6;
const BATCH = 400;

describe('graceful shutdown of the API', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let fixture: ApiFixture;
  let answers: GraphqlResponse<IngestResult>[] = [];
  let exitCode: number | null = null;
  let readyWhileDraining = 0;
  let shutdownMs = 0;

  beforeAll(async () => {
    database = await scratchDatabase('shutdown');
    fixture = await apiWithJourney(database.url);
    const requests = Array.from({ length: IN_FLIGHT }, (_, i) =>
      graphql<IngestResult>(fixture.api.url, fixture.api.adminToken, INGEST, { events: makeEvents('drain', BATCH, i * BATCH) }, 60_000));
    // Let the requests reach the server, then SIGTERM while they run.
    await new Promise((r) => setTimeout(r, 150));
    const started = performance.now();
    const stopping = fixture.api.stop(30_000);
    await new Promise((r) => setTimeout(r, 50));
    readyWhileDraining = (await fetch(`${fixture.api.url}/ready`).catch(() => null))?.status ?? 0;
    answers = await Promise.all(requests);
    exitCode = await stopping;
    shutdownMs = performance.now() - started;
  });

  afterAll(async () => {
    await fixture?.close();
    await database?.drop();
  });

  it('finishes the requests it had accepted before exiting', async () => {
    for (const answer of answers) {
      // Accepted before SIGTERM: answered in full. Arrived after: refused at connect, never cut mid-way.
      if (answer.transportError) expect(answer.transportError).toMatch(/ECONNREFUSED/);
      else expect(answer.data?.ingestEvents.accepted).toBe(BATCH);
    }
    const acknowledged = answers.filter((a) => a.data?.ingestEvents).length;
    expect(acknowledged).toBeGreaterThan(0);
    expect(await countEvents(fixture.db, fixture.workspaceId, 'drain')).toBeGreaterThanOrEqual(acknowledged * BATCH);
    writeFigures('graceful-shutdown', [
      { metric: 'requests in flight at SIGTERM', value: IN_FLIGHT, unit: 'requests' },
      { metric: 'answered in full', value: acknowledged, unit: 'requests' },
      { metric: 'SIGTERM to exit', value: Math.round(shutdownMs), unit: 'ms' },
    ]);
  });

  it('stops being ready at once and exits 0 within the grace period', () => {
    expect([0, 503]).toContain(readyWhileDraining);
    expect(exitCode).toBe(0);
    expect(shutdownMs).toBeLessThan(30_000);
  });

  it('answers ingest requests after SIGTERM arrived (they were in flight), then closes and logs it', () => {
    const lines = fixture.api.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string; operation?: string; status?: number });
    const draining = lines.findIndex((line) => line.msg.startsWith('draining'));
    const stopped = lines.findIndex((line) => line.msg === 'stopped');
    expect(draining).toBeGreaterThanOrEqual(0);
    expect(stopped).toBeGreaterThan(draining);
    const finishedWhileDraining = lines.slice(draining, stopped).filter((line) => line.msg === 'request' && line.operation === 'ingestEvents' && line.status === 200);
    expect(finishedWhileDraining.length).toBeGreaterThan(0);
  });
});
