import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { auditWorkflowId, traceCarrier } from '@waymark/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTemporalServer, startTestWorker } from '../../test-support/temporal-worker.js';
import type { RunningTestWorker } from '../../test-support/temporal-worker.js';

// runSync, startConsistencyAudit and startRoiEvaluation end to end: the API starts the workflows on a
// real Temporal dev server, a real worker runs them with the real activities, and the results are
// read back through GraphQL.

const NOW = new Date('2026-11-01T12:00:00Z');
const SECRETS_KEY = randomBytes(32).toString('base64');

const JOURNEY = {
  name: 'Resort stay',
  stages: [
    { name: 'Awareness', touchpoints: [{ key: 'web.ad', name: 'Display ad', type: 'CONTACT', channel: 'social', mode: 'ONLINE', ownerTeam: 'Marketing', facts: { 'price.room': '189 EUR' } }] },
    { name: 'Booking', touchpoints: [
      { key: 'web.booking', name: 'Web booking', type: 'INTERACTION', channel: 'web', mode: 'ONLINE', ownerTeam: 'Digital', facts: { 'price.room': '199 EUR' } },
      { key: 'phone.booking', name: 'Phone booking', type: 'INTERACTION', channel: 'phone', mode: 'OFFLINE' },
    ] },
    { name: 'Advocacy' },
  ],
};

interface Journey {
  id: string;
  stages: { name: string; touchpoints: { id: string; key: string }[] }[];
}

let api: ApiHarness;
let temporal: TestWorkflowEnvironment;
let worker: RunningTestWorker;
let journey: Journey;
let folder: string;

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await api.gql<T>(api.adminToken, query, variables);
  if (result.errors || !result.data) throw new Error(`GraphQL failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

// Polls read() until done(value) or the deadline, returning the last value either way.
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

const finished = (run: { status: string } | null): boolean => run !== null && (run.status === 'COMPLETED' || run.status === 'FAILED');

function touchpointId(key: string): string {
  const found = journey.stages.flatMap((stage) => stage.touchpoints).find((tp) => tp.key === key);
  if (!found) throw new Error(`no touchpoint ${key}`);
  return found.id;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'waymark-api-workflows-'));
  temporal = await startTemporalServer();
  api = await startHarness({ WAYMARK_SECRETS_KEY: SECRETS_KEY, TEMPORAL_ADDRESS: temporal.connection.options.address });
  worker = await startTestWorker(temporal, { db: api.test.db, secretsKey: SECRETS_KEY, now: () => NOW });
  journey = (await gql<{ createJourney: Journey }>('mutation($input: JourneyInput!) { createJourney(input: $input) { id stages { name touchpoints { id key } } } }', { input: JOURNEY })).createJourney;
}, 240_000);

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await temporal?.teardown();
  if (folder) rmSync(folder, { recursive: true, force: true });
}, 120_000);

describe('runSync through Temporal', () => {
  it('imports a file page by page and completes with every event, visible through GraphQL', async () => {
    const path = join(folder, 'bookings.ndjson');
    const rows = Array.from({ length: 25 }, (_, n) => JSON.stringify({ id: `visit-${n}`, customerRef: `email:guest${n % 7}@example.com`, occurredAt: new Date(Date.UTC(2026, 9, 1) + n * 60_000).toISOString() }));
    writeFileSync(path, `${rows.join('\n')}\n`);
    const { configureIntegration } = await gql<{ configureIntegration: { id: string } }>('mutation($input: IntegrationInput!) { configureIntegration(input: $input) { id } }', {
      input: { pluginId: 'file-import', name: 'Booking export', config: { format: 'ndjson', path, touchpointKey: 'web.booking', kind: 'VIEW', pageSize: 10, mapping: { externalId: 'id' } } },
    });
    const { runSync } = await gql<{ runSync: { id: string; status: string } }>('mutation($id: ID!) { runSync(integrationId: $id) { id status } }', { id: configureIntegration.id });
    expect(['QUEUED', 'RUNNING']).toContain(runSync.status);

    const run = await until(
      async () => (await gql<{ syncRun: { status: string; pages: number; eventsAccepted: number; eventsRejected: number; error: string | null } | null }>(
        'query($id: ID!) { syncRun(id: $id) { status pages eventsAccepted eventsRejected error } }', { id: runSync.id })).syncRun,
      finished,
    );
    expect(run).toEqual({ status: 'COMPLETED', pages: 3, eventsAccepted: 25, eventsRejected: 0, error: null });
    const { events } = await gql<{ events: { nodes: { kind: string }[] } }>('query($tp: ID!) { events(touchpointId: $tp, first: 100) { nodes { kind } } }', { tp: touchpointId('web.booking') });
    expect(events.nodes).toHaveLength(25);
    expect(new Set(events.nodes.map((event) => event.kind))).toEqual(new Set(['VIEW']));
  });
});

describe('startConsistencyAudit through Temporal', () => {
  it('audits the journey and stores findings readable with audit(id)', async () => {
    const { startConsistencyAudit } = await gql<{ startConsistencyAudit: { id: string; status: string } }>('mutation($id: ID!) { startConsistencyAudit(journeyId: $id) { id status } }', { id: journey.id });
    const audit = await until(
      async () => (await gql<{ audit: { status: string; journey: { id: string }; findings: { rule: string; severity: string; change: string; touchpoints: { key: string }[] }[] } | null }>(
        'query($id: ID!) { audit(id: $id) { status journey { id } findings { rule severity change touchpoints { key } } } }', { id: startConsistencyAudit.id })).audit,
      finished,
    );
    expect(audit?.status).toBe('COMPLETED');
    expect(audit?.journey.id).toBe(journey.id);
    expect(audit?.findings).toEqual(expect.arrayContaining([
      { rule: 'fact-consistency', severity: 'HIGH', change: 'NEW', touchpoints: expect.arrayContaining([{ key: 'web.ad' }, { key: 'web.booking' }]) },
      { rule: 'coverage-empty-stage', severity: 'MEDIUM', change: 'NEW', touchpoints: [] },
      { rule: 'coverage-no-owner', severity: 'LOW', change: 'NEW', touchpoints: [{ key: 'phone.booking' }] },
    ]));
  });
});

describe('startRoiEvaluation through Temporal', () => {
  it('evaluates an initiative against its equal-length baseline and stores the numbers', async () => {
    const start = Date.UTC(2026, 2, 1);
    const end = Date.UTC(2026, 2, 11);
    const day = 86_400_000;
    // Baseline [Feb 19, Mar 1): 10 purchases of 100; initiative [Mar 1, Mar 11): 10 of 300. Incremental 2000 for a cost of 1000.
    const purchase = (id: string, at: number, value: number) => ({ source: 'pos', externalId: id, touchpointKey: 'phone.booking', customerRef: `email:${id}@example.com`, occurredAt: new Date(at).toISOString(), kind: 'PURCHASE', value });
    const events = [
      ...Array.from({ length: 10 }, (_, i) => purchase(`before-${i}`, start - (i + 0.5) * day, 100)),
      ...Array.from({ length: 10 }, (_, i) => purchase(`during-${i}`, end - (i + 0.5) * day, 300)),
    ];
    const { ingestEvents } = await gql<{ ingestEvents: { accepted: number } }>('mutation($events: [EventInput!]!) { ingestEvents(events: $events) { accepted } }', { events });
    expect(ingestEvents.accepted).toBe(20);
    const { createInitiative } = await gql<{ createInitiative: { id: string } }>('mutation($input: InitiativeInput!) { createInitiative(input: $input) { id } }', {
      input: { name: 'Phone callback', touchpointIds: [touchpointId('phone.booking')], startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString(), cost: 1000 },
    });
    const { startRoiEvaluation } = await gql<{ startRoiEvaluation: { id: string } }>('mutation($id: ID!) { startRoiEvaluation(initiativeId: $id) { id } }', { id: createInitiative.id });

    const evaluation = await until(
      async () => (await gql<{ roiEvaluation: { status: string; roi: number | null; incrementalRevenue: number | null; ciLow: number | null; ciHigh: number | null; kpiDeltas: unknown } | null }>(
        'query($id: ID!) { roiEvaluation(id: $id) { status roi incrementalRevenue ciLow ciHigh kpiDeltas } }', { id: startRoiEvaluation.id })).roiEvaluation,
      finished,
    );
    expect(evaluation?.status).toBe('COMPLETED');
    expect(evaluation?.incrementalRevenue).toBeCloseTo(2000, 6);
    expect(evaluation?.roi).toBeCloseTo(1, 6);
    expect(evaluation?.ciLow).toBeLessThanOrEqual(2000);
    expect(evaluation?.ciHigh).toBeGreaterThanOrEqual(2000);
    expect(evaluation?.kpiDeltas).toMatchObject({ conversionRate: expect.any(Number) });
  });
});

describe('trace context through Temporal', () => {
  const spans = new InMemorySpanExporter();
  let provider: NodeTracerProvider;

  beforeAll(() => {
    provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
    provider.register();
  });

  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('starts the workflow with the trace context of the request\'s GraphQL span, for the worker to continue', async () => {
    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminToken}`, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      body: JSON.stringify({ query: 'mutation($id: ID!) { startConsistencyAudit(journeyId: $id) { id } }', variables: { id: journey.id } }),
    });
    const body = (await response.json()) as { data: { startConsistencyAudit: { id: string } } };
    const history = await temporal.client.workflow.getHandle(auditWorkflowId(body.data.startConsistencyAudit.id)).fetchHistory();
    const header = history.events?.[0]?.workflowExecutionStartedEventAttributes?.header?.fields ?? undefined;
    const operation = spans.getFinishedSpans().find((span) => span.name === 'graphql mutation startConsistencyAudit');
    expect(operation?.spanContext().traceId).toBe(traceId);
    expect(traceCarrier(header).traceparent).toBe(`00-${traceId}-${operation?.spanContext().spanId}-01`);
  });
});
