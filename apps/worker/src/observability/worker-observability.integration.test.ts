import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import { Client, WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ingestEvents } from '@waymark/db';
import { createTestDatabase } from '@waymark/db/testing';
import type { TestDatabase } from '@waymark/db/testing';
import { startTracing } from '@waymark/tracing';
import { startPluginSync, TASK_QUEUE, traceContextClientInterceptor } from '@waymark/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killHard, spawnWorker } from '../test-support/processes.js';
import type { WorkerProcess } from '../test-support/processes.js';
import { createFileSync, seedWorkspace, writeExport } from '../test-support/seed.js';
import { startTemporal } from '../test-support/temporal.js';

interface LogLine {
  msg: string;
  applied?: number;
  refused?: number;
  service?: string;
  port?: number;
  workflowId?: string;
  runId?: string;
  activityType?: string;
}

interface ReceivedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  workflowId: string | undefined;
}

interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes?: { key: string; value: { stringValue?: string } }[];
}

// A minimal OTLP/HTTP collector recording the spans it receives (JSON encoding: ids in hex).
function collector(): Promise<{ server: Server; url: string; spans: ReceivedSpan[] }> {
  const spans: ReceivedSpan[] = [];
  const received = (span: OtlpSpan): ReceivedSpan => ({
    name: span.name, traceId: span.traceId, spanId: span.spanId, ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    workflowId: span.attributes?.find((a) => a.key === 'temporal.workflow_id')?.value.stringValue,
  });
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
      spans.push(...body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map(received))));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, spans });
  }));
}

const lines = (worker: WorkerProcess): LogLine[] =>
  worker.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogLine);

async function listeningPort(worker: WorkerProcess): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const port = lines(worker).find((l) => l.msg.startsWith('worker HTTP listening'))?.port;
    if (port) return port;
    if (worker.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the worker did not open its HTTP port:\n${worker.output()}`);
}

describe('worker process: health, readiness, metrics, logs, traces, shutdown', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let otlp: Awaited<ReturnType<typeof collector>>;
  let worker: WorkerProcess;
  let base = '';
  let dir = '';

  beforeAll(async () => {
    [env, database, otlp] = await Promise.all([startTemporal(), createTestDatabase('postgres'), collector()]);
    dir = mkdtempSync(join(tmpdir(), 'waymark-worker-obs-'));
    worker = spawnWorker({
      DATABASE_URL: database.databaseUrl ?? '', TEMPORAL_ADDRESS: env.connection.options.address, TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, WAYMARK_LOG_LEVEL: 'info',
    });
    base = `http://127.0.0.1:${await listeningPort(worker)}`;
  });

  afterAll(async () => {
    if (worker && worker.child.exitCode === null) await killHard(worker);
    await env?.teardown();
    await database?.drop();
    otlp?.server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health at once and /ready once the database, Temporal and the worker are up', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    await expect.poll(async () => (await fetch(`${base}/ready`)).status, { timeout: 90_000, interval: 250 }).toBe(200);
    expect(await (await fetch(`${base}/ready`)).json()).toEqual({ status: 'ready', database: 'ok', temporal: 'ok', worker: 'ok' });
    // At start it applied the schedules the database records (none in this fresh database).
    await expect.poll(() => lines(worker).find((l) => l.msg === 'schedules applied'), { timeout: 30_000, interval: 200 }).toMatchObject({ applied: 0, refused: 0 });
  });

  it('counts a failed workflow and its failed activity, and logs the failure with workflow id, run id and activity type', async () => {
    const workflowId = `risk-${randomUUID()}`;
    const run = env.client.workflow.execute('riskAssessmentWorkflow', { taskQueue: TASK_QUEUE, workflowId, args: [{ workspaceId: randomUUID(), journeyId: randomUUID() }] });
    await expect(run).rejects.toBeInstanceOf(WorkflowFailedError);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('waymark_workflow_failures_total{workflow="riskAssessmentWorkflow",service="worker"} 1');
    expect(metrics).toContain('waymark_activity_failures_total{activity="assessRisk",service="worker"} 1');
    expect(metrics).toContain('waymark_activity_duration_seconds_count{service="worker",activity="assessRisk",outcome="failed"} 1');
    const failure = lines(worker).find((l) => l.msg === 'activity failed' && l.workflowId === workflowId);
    expect(failure).toMatchObject({ service: 'worker', activityType: 'assessRisk', runId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('counts synced events by plugin and outcome and reports each enabled integration\'s sync lag', async () => {
    const { workspaceId } = await seedWorkspace(database.db, 1);
    const file = join(dir, 'export.ndjson');
    writeExport(file, 60);
    const { integrationId, syncRunId } = await createFileSync(database.db, workspaceId, file, 20);
    const before = await (await fetch(`${base}/metrics`)).text();
    const lag = new RegExp(`waymark_sync_lag_seconds\\{workspace="${workspaceId}",integration="${integrationId}",plugin="file-import",service="worker"\\} ([0-9.e+-]+)`);
    expect(before).toMatch(lag);
    // An event written as a sync writes it is pending until a fold: the sync below folds it too.
    await ingestEvents(database.db, workspaceId, [{ source: 'test', externalId: 'deferred-1', touchpointKey: 'web', customerRef: 'crm:x:1', occurredAt: new Date().toISOString(), kind: 'VIEW' }], { deferKpis: true });
    const pending = `waymark_kpi_pending_events{workspace="${workspaceId}",service="worker"}`;
    expect(await (await fetch(`${base}/metrics`)).text()).toContain(`${pending} 1`);
    const outcome = await (await startPluginSync(env.client, { workspaceId, integrationId, syncRunId })).result();
    expect(outcome.status).toBe('COMPLETED');
    const after = await (await fetch(`${base}/metrics`)).text();
    expect(after).toContain('waymark_ingested_events_total{source="sync",plugin="file-import",outcome="accepted",service="worker"} 60');
    expect(after).toMatch(/waymark_activity_duration_seconds_count\{service="worker",activity="[a-zA-Z]+",outcome="ok"\} [1-9]/);
    // Just synced: the lag restarted from the cursor commit.
    expect(Number(after.match(lag)?.[1])).toBeLessThan(Number(before.match(lag)?.[1]) + 1);
    expect(Number(after.match(lag)?.[1])).toBeLessThan(30);
    expect(after).toContain('process_cpu_user_seconds_total');
    expect(after).not.toContain(pending);
  });

  it('continues the trace of the caller that started a workflow in its activity spans; an untraced start makes a root span', async () => {
    // The test process plays the API: its own tracer provider, W3C propagation and the client interceptor.
    const tracing = startTracing('api', { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url });
    const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', interceptors: { workflow: [traceContextClientInterceptor()] } });
    const caller = trace.getTracer('test').startSpan('caller');
    const traced = `risk-traced-${randomUUID()}`;
    const untraced = `risk-untraced-${randomUUID()}`;
    const start = (c: Client, workflowId: string) => c.workflow.execute('riskAssessmentWorkflow', { taskQueue: TASK_QUEUE, workflowId, args: [{ workspaceId: randomUUID(), journeyId: randomUUID() }] });
    await expect(context.with(trace.setSpan(context.active(), caller), () => start(client, traced))).rejects.toBeInstanceOf(WorkflowFailedError);
    await expect(start(env.client, untraced)).rejects.toBeInstanceOf(WorkflowFailedError);
    caller.end();
    await tracing?.shutdown();
    const activitySpan = (workflowId: string) => otlp.spans.find((s) => s.name === 'activity assessRisk' && s.workflowId === workflowId);
    await expect.poll(() => activitySpan(traced) && activitySpan(untraced), { timeout: 15_000, interval: 200 }).toBeTruthy();
    const { traceId, spanId } = caller.spanContext();
    expect(otlp.spans).toContainEqual(expect.objectContaining({ name: 'caller', traceId, spanId }));
    expect(activitySpan(traced)).toMatchObject({ traceId, parentSpanId: spanId });
    expect(activitySpan(untraced)?.traceId).not.toBe(traceId);
    expect(activitySpan(untraced)?.parentSpanId).toBeUndefined();
  });

  it('on SIGTERM stops polling, exits 0 and flushes activity spans to the OTLP collector', async () => {
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const output = lines(worker);
    expect(output.some((l) => l.msg.startsWith('draining'))).toBe(true);
    expect(output.at(-1)?.msg).toBe('worker stopped');
    expect(otlp.spans.map((span) => span.name)).toEqual(expect.arrayContaining(['activity assessRisk']));
  });
});
