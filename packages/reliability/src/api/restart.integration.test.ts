import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DedicatedPostgres } from '../harness/dedicated-postgres.js';
import { startDedicatedPostgres } from '../harness/dedicated-postgres.js';
import type { GraphqlResponse, IngestResult } from '../harness/graphql.js';
import { graphql, INGEST, makeEvents } from '../harness/graphql.js';
import { writeFigures } from '../harness/results.js';
import type { ApiFixture } from './api-fixture.js';
import { apiWithJourney, countEvents } from './api-fixture.js';

const CLIENTS = 8;
const BATCH = 20;
const RUN_MS = 24_000;
const OUTAGE_AT_MS = 6_000;
const OUTAGE_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;

interface Sent {
  batch: number;
  startedAt: number;
  answer: GraphqlResponse<IngestResult>;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}

describe('API under sustained load while PostgreSQL restarts', () => {
  let server: DedicatedPostgres;
  let fixture: ApiFixture;
  const sent: Sent[] = [];
  const outage = { from: 0, to: 0 };
  const readiness = { duringStatus: 0, duringBody: '', readyAgainMs: Number.POSITIVE_INFINITY };

  beforeAll(async () => {
    server = await startDedicatedPostgres();
    // The per-token rate limit is not under test here: lift it so every request meets the database.
    fixture = await apiWithJourney(server.url(), { WAYMARK_RATE_LIMIT_PER_MINUTE: '1000000' });
    // The fixture's own client would die with the server: reconnect it after the run.
    await fixture.db.end();
    const started = performance.now();
    let next = 0;
    const client = async () => {
      while (performance.now() - started < RUN_MS) {
        const batch = next++;
        const startedAt = performance.now() - started;
        const answer = await graphql<IngestResult>(fixture.api.url, fixture.api.adminToken, INGEST, { events: makeEvents('load', BATCH, batch * BATCH) }, REQUEST_TIMEOUT_MS);
        sent.push({ batch, startedAt, answer });
        if (!answer.data?.ingestEvents) await new Promise((r) => setTimeout(r, 100));
      }
    };
    const restart = async () => {
      await new Promise((r) => setTimeout(r, OUTAGE_AT_MS));
      outage.from = performance.now() - started;
      server.stop('immediate');
      await new Promise((r) => setTimeout(r, 2_000));
      const during = await fetch(`${fixture.api.url}/ready`, { signal: AbortSignal.timeout(5_000) }).catch((error: unknown) => error);
      if (during instanceof Response) {
        readiness.duringStatus = during.status;
        readiness.duringBody = await during.text();
      } else {
        readiness.duringBody = `no answer: ${String(during)}`;
      }
      await new Promise((r) => setTimeout(r, OUTAGE_MS - 2_000));
      server.start();
      outage.to = performance.now() - started;
      while (performance.now() - started < outage.to + 20_000) {
        const ready = await fetch(`${fixture.api.url}/ready`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
        if (ready?.status === 200) {
          readiness.readyAgainMs = performance.now() - started - outage.to;
          break;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    await Promise.all([restart(), ...Array.from({ length: CLIENTS }, client)]);
    const pg = await import('pg');
    fixture.db = new pg.default.Client({ connectionString: server.url() });
    await fixture.db.connect();
  });

  afterAll(async () => {
    await fixture?.close();
    server?.destroy();
  });

  const acknowledged = () => sent.filter((s) => s.answer.data?.ingestEvents);
  const failed = () => sent.filter((s) => !s.answer.data?.ingestEvents);

  it('keeps the API process up through the outage', () => {
    expect(fixture.api.exited(), fixture.api.output().slice(-3000)).toBe(false);
    expect(failed().length).toBeGreaterThan(0);
  });

  it('reports not ready, naming the database, while PostgreSQL is down, and ready again after', () => {
    expect(readiness.duringStatus).toBe(503);
    expect(readiness.duringBody).toMatch(/database/i);
    expect(readiness.readyAgainMs).toBeLessThan(15_000);
  });

  it('fails requests cleanly during the outage: an HTTP answer with a GraphQL error, not a dropped connection', () => {
    for (const { answer } of failed()) {
      expect(answer.transportError, answer.transportError).toBeUndefined();
      expect(answer.errors?.[0]?.message).toMatch(/\w{3,}/);
    }
  });

  it('recovers: requests succeed again soon after PostgreSQL is back', () => {
    const afterRestart = acknowledged().filter((s) => s.startedAt > outage.to);
    expect(afterRestart.length).toBeGreaterThan(0);
    const firstOk = Math.min(...afterRestart.map((s) => s.startedAt + s.answer.ms));
    expect(firstOk - outage.to).toBeLessThan(15_000);
  });

  it('loses nothing acknowledged, and the failed batches go in on retry exactly once', async () => {
    const ackedRows = acknowledged().reduce((sum, s) => sum + (s.answer.data?.ingestEvents.accepted ?? 0) + (s.answer.data?.ingestEvents.duplicates ?? 0), 0);
    expect(ackedRows).toBe(acknowledged().length * BATCH);
    const { rows } = await fixture.db.query<{ id: string }>(`SELECT external_id AS id FROM events WHERE workspace_id = $1 AND external_id LIKE 'load-%'`, [fixture.workspaceId]);
    const storedIds = new Set(rows.map((r) => r.id));
    const lost = acknowledged().flatMap((s) => makeEvents('load', BATCH, s.batch * BATCH)).filter((e) => !storedIds.has(e.externalId));
    expect(lost.map((e) => e.externalId)).toEqual([]);
    for (const { batch } of failed()) {
      const retry = await graphql<IngestResult>(fixture.api.url, fixture.api.adminToken, INGEST, { events: makeEvents('load', BATCH, batch * BATCH) });
      expect(retry.errors).toBeUndefined();
    }
    const stored = await countEvents(fixture.db, fixture.workspaceId, 'load');
    expect(stored).toBe(sent.length * BATCH);

    const latencies = acknowledged().map((s) => s.answer.ms);
    const duringOutage = sent.filter((s) => s.startedAt >= outage.from && s.startedAt <= outage.to);
    const afterRestart = acknowledged().filter((s) => s.startedAt > outage.to);
    writeFigures('db-restart', [
      { metric: 'requests', value: sent.length, unit: 'requests' },
      { metric: 'acknowledged', value: acknowledged().length, unit: 'requests' },
      { metric: 'failed cleanly', value: failed().filter((s) => !s.answer.transportError).length, unit: 'requests' },
      { metric: 'dropped connections', value: failed().filter((s) => s.answer.transportError).length, unit: 'requests' },
      { metric: 'requests during outage', value: duringOutage.length, unit: 'requests' },
      { metric: 'outage', value: Math.round(outage.to - outage.from), unit: 'ms' },
      { metric: '/ready back to 200 after restart', value: Math.round(readiness.readyAgainMs), unit: 'ms' },
      { metric: 'recovery after restart', value: Math.round(Math.min(...afterRestart.map((s) => s.startedAt + s.answer.ms)) - outage.to), unit: 'ms' },
      { metric: 'throughput', value: Math.round((acknowledged().length * BATCH) / (RUN_MS / 1000)), unit: 'events/s' },
      { metric: 'latency p50 (acknowledged)', value: percentile(latencies, 50), unit: 'ms' },
      { metric: 'latency p95 (acknowledged)', value: percentile(latencies, 95), unit: 'ms' },
      { metric: 'acknowledged rows lost', value: lost.length, unit: 'rows' },
      { metric: 'rows after retrying failed batches', value: stored, unit: 'rows' },
    ], { clients: CLIENTS, batch: BATCH, runMs: RUN_MS, errorsSeen: [...new Set(failed().map((s) => s.answer.errors?.[0]?.extensions?.code ?? s.answer.transportError ?? 'none'))] });
  });
});
