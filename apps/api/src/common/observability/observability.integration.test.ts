import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';
import { event, JOURNEY_INPUT } from '../../test-support/fixtures.js';
import { createLogger } from './logger.js';

const INGEST = `mutation Ingest($events: [EventInput!]!) { ingestEvents(events: $events) { accepted duplicates } }`;

interface LogLine {
  level: number;
  msg: string;
  service: string;
  requestId?: string;
  route?: string;
  status?: number;
  operationName?: string;
  operation?: string;
  workspaceId?: string;
  durationMs?: number;
}

describe('API observability', () => {
  let api: ApiHarness;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
    api = await startHarness({}, {}, { logger });
    const journey = await api.gql(api.adminToken, `mutation($input: JourneyInput!) { createJourney(input: $input) { id } }`, { input: JOURNEY_INPUT });
    expect(journey.errors).toBeUndefined();
  });

  afterAll(async () => {
    await api?.stop();
  });

  const requestLine = (requestId: string) => lines.find((line) => line.msg === 'request' && line.requestId === requestId);

  it('echoes an incoming x-request-id and logs one JSON line for the request with the operation and workspace', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminToken}`, 'x-request-id': 'req-abc.123' },
      body: JSON.stringify({ query: 'query Tiles { journeys { id } }', operationName: 'Tiles' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-abc.123');
    await expect.poll(() => requestLine('req-abc.123')).toBeDefined();
    expect(requestLine('req-abc.123')).toMatchObject({
      service: 'api', route: '/graphql', status: 200, operationName: 'Tiles', operation: 'journeys', workspaceId: api.workspaceId, level: 30,
    });
    expect(lines.filter((line) => line.requestId === 'req-abc.123')).toHaveLength(1);
  });

  it('generates a request id when none (or an unusable one) is sent', async () => {
    const plain = await fetch(`${api.url}/health`);
    const generated = plain.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'a b\tc{"inject":1}' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => requestLine(generated ?? '')).toMatchObject({ route: '/health', status: 200 });
  });

  it('exposes Prometheus metrics: request latency, GraphQL operations, ingestion outcomes, process defaults', async () => {
    const events = [...Array.from({ length: 4 }, (_, i) => event(i)), event(9, { nps: 42 })];
    const first = await api.gql<{ ingestEvents: { accepted: number } }>(api.adminToken, INGEST, { events });
    expect(first.data?.ingestEvents.accepted).toBe(4);
    await api.gql(api.adminToken, INGEST, { events: events.slice(0, 3) });
    const response = await fetch(`${api.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/waymark_http_request_duration_seconds_count\{[^}]*method="POST"[^}]*route="\/graphql"[^}]*status="200"[^}]*\} \d+/);
    expect(text).toMatch(/waymark_graphql_operation_duration_seconds_count\{[^}]*operation="ingestEvents"[^}]*type="mutation"[^}]*outcome="ok"[^}]*\} 2/);
    expect(text).toContain('waymark_ingested_events_total{source="api",plugin="",outcome="accepted",service="api"} 4');
    expect(text).toContain('waymark_ingested_events_total{source="api",plugin="",outcome="duplicate",service="api"} 3');
    expect(text).toContain('waymark_ingested_events_total{source="api",plugin="",outcome="rejected",service="api"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('labels unknown paths as one route, so clients cannot create new series', async () => {
    await fetch(`${api.url}/no/such/path/${Date.now()}`);
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).toMatch(/route="other"[^}]*status="404"/);
    expect(text).not.toContain('/no/such/path');
  });

  it('answers a body without a query ({}) with 400 naming the missing "query"', async () => {
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]?.message).toMatch(/no "query".*\{"query": /);
  });

  it('turns /ready to 503 "draining" once shutdown begins, while /health stays 200', async () => {
    api.running.drain.draining = true;
    try {
      const ready = await fetch(`${api.url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'draining' });
      expect((await fetch(`${api.url}/health`)).status).toBe(200);
    } finally {
      api.running.drain.draining = false;
    }
  });
});
