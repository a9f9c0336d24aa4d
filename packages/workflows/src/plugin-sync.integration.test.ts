import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundle } from '@temporalio/worker';
import type { Db } from '@waymark/db';
import { pendingKpiEvents } from '@waymark/db';
import { createTestDatabase } from '@waymark/db/testing';
import type { TestDatabase } from '@waymark/db/testing';
import { createPluginRegistry } from '@waymark/plugin-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from './activities.js';
import { pingWorkflow } from './ping.workflow.js';
import { ingestHostPage } from './plugin-sync/ingest-page.js';
import { cancelPluginSync, getSyncProgress, startPluginSync } from './plugin-sync/client.js';
import { scheduledSyncWorkflow } from './scheduled-runs.workflow.js';
import { seedJourney } from './test-support/fixtures.js';
import { recordHistory } from './test-support/histories.js';
import { appendNdjson, createFileIntegration, createSyncRun, ndjsonRows, storedState, syncRun, writeNdjson } from './test-support/sync-fixtures.js';
import { startTemporal } from './test-support/temporal.js';
import { bundleWorkflows, createTestWorker } from './test-support/worker.js';
import { TASK_QUEUE } from './task-queue.js';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
let database: TestDatabase;
let db: Db;
let workers: Worker[] = [];
let running: Promise<void>[] = [];
let dir: string;
const pluginLines: string[] = [];
let workspaceId: string;

beforeAll(async () => {
  [env, bundle, database] = await Promise.all([startTemporal(), bundleWorkflows(), createTestDatabase('postgres')]);
  db = database.db;
  dir = mkdtempSync(join(tmpdir(), 'waymark-sync-'));
  const plugins = await createPluginRegistry({ appDir: false });
  // Two workers on the one task queue: the tests below see both take work.
  workers = await Promise.all(
    ['worker-a', 'worker-b'].map((name) =>
      createTestWorker(env, bundle, createActivities({ db, plugins, ingestPage: ingestHostPage, decryptSecrets: () => ({}), workerName: name, pluginLogSink: (line) => pluginLines.push(line) }), name),
    ),
  );
  running = workers.map((w) => w.run());
  workspaceId = (await seedJourney(db, ['Purchase'], [{ key: 'web', stage: 'Purchase', channel: 'web', ownerTeam: 'digital' }])).workspaceId;
});

afterAll(async () => {
  for (const w of workers) w.shutdown();
  await Promise.all(running);
  await env?.teardown();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('plugin sync workflow', () => {
  it('pulls every page with the cursor, continues as new, commits the cursor and counts events, duplicates and rejected rows', async () => {
    const file = join(dir, 'export.ndjson');
    writeNdjson(file, 1000, 'this line is not JSON\n');
    const integrationId = await createFileIntegration(db, workspaceId, file, 50);
    const syncRunId = await createSyncRun(db, workspaceId, integrationId);
    const handle = await startPluginSync(env.client, { workspaceId, integrationId, syncRunId, pagesPerRun: 6 });
    const outcome = await handle.result();
    expect(outcome).toEqual({ status: 'COMPLETED', totals: { pages: 21, events: 1000, duplicates: 0, rejected: 1 } });
    await recordHistory(env.client, 'plugin-sync-first-run', handle.workflowId, handle.firstExecutionRunId);
    await recordHistory(env.client, 'plugin-sync-last-run', handle.workflowId);
    // v2 (patch kpi-watch-after-sync): the fresh data went through the KPI watch.
    expect(await env.client.workflow.getHandle(`kpi-watch-${workspaceId}`).result()).toEqual({ checked: 0, breached: 0, opened: 0, resolved: 0, deliveryIds: [] });
    expect(await syncRun(db, syncRunId)).toMatchObject({ status: 'COMPLETED', pages: 21, events: 1000, rejected: 1, error: null });
    const state = await storedState(db, workspaceId, integrationId);
    expect(state).toMatchObject({ events: 1000, distinct: 1000, cursor: { offset: statSync(file).size, row: 1001 } });
    // Pages are written with KPI maintenance deferred; syncPage returns with it caught up.
    expect(await pendingKpiEvents(db, workspaceId)).toBe(0);
    const [rolled] = await db.query<{ n: number }>('SELECT coalesce(sum(events), 0)::int AS n FROM kpi_rollup_days WHERE workspace_id = $1::uuid', [workspaceId]);
    expect(rolled?.n).toBe(1000);
    const progress = await getSyncProgress(env.client, syncRunId);
    expect(progress).toMatchObject({ status: 'COMPLETED', continued: 3, pages: 21, events: 1000 });
    const [rejected] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rejected_events WHERE sync_run_id = $1::uuid', [syncRunId]);
    expect(rejected?.n).toBe(1);
    // The plugin's own log line about the bad row carries the sync's workflow ids.
    const warned = pluginLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'rows rejected' && line['syncRunId'] === syncRunId);
    expect(warned).toMatchObject({ service: 'worker', plugin: 'file-import', workflowId: handle.workflowId, activityType: 'syncPage', count: 1 });
    expect(warned?.['runId']).toEqual(expect.any(String));

    // The next sync resumes at the committed cursor: nothing new, then only the appended rows.
    const idle = await createSyncRun(db, workspaceId, integrationId);
    expect((await (await startPluginSync(env.client, { workspaceId, integrationId, syncRunId: idle })).result()).totals).toEqual({ pages: 1, events: 0, duplicates: 0, rejected: 0 });
    appendNdjson(file, 30, 1000);
    const more = await createSyncRun(db, workspaceId, integrationId);
    expect((await (await startPluginSync(env.client, { workspaceId, integrationId, syncRunId: more })).result()).totals).toMatchObject({ events: 30, duplicates: 0 });
    expect((await storedState(db, workspaceId, integrationId)).events).toBe(1030);
  });

  it('is cancelled from the API between pages: the run ends CANCELLED and the committed pages stay consistent with the cursor', async () => {
    const file = join(dir, 'big.ndjson');
    writeNdjson(file, 20_000);
    const integrationId = await createFileIntegration(db, workspaceId, file, 10);
    const syncRunId = await createSyncRun(db, workspaceId, integrationId);
    const handle = await startPluginSync(env.client, { workspaceId, integrationId, syncRunId, pagesPerRun: 50 });
    await expect.poll(async () => (await syncRun(db, syncRunId))?.pages ?? 0, { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(3);
    expect((await getSyncProgress(env.client, syncRunId)).status).toBe('RUNNING');
    await cancelPluginSync(env.client, syncRunId);
    await expect(handle.result()).rejects.toThrow();
    await recordHistory(env.client, 'plugin-sync-cancelled', handle.workflowId);
    // The cancelled activity may still commit the page it is storing (it learns of the cancel from
    // its next heartbeat), so run counters and cursor are read at one instant, events after them.
    const [run] = await db.query<{ status: string; pages: number; events: number; duplicates: number; row: number }>(
      `SELECT r.status, r.pages, r.events, r.duplicates, (i.cursor->'rows'->>'row')::int AS row
       FROM sync_runs r JOIN integrations i ON i.id = r.integration_id WHERE r.id = $1::uuid`,
      [syncRunId],
    );
    expect(run?.status).toBe('CANCELLED');
    expect(run?.pages).toBeLessThan(2000);
    const [events] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE workspace_id = $1::uuid AND external_id LIKE 'row-%' AND occurred_at >= '2026-01-01'`, [workspaceId]);
    // Every committed page moved the cursor by exactly its rows; earlier test rows share ids (duplicates).
    expect(run?.row).toBe((run?.pages ?? 0) * 10);
    expect((run?.events ?? 0) + (run?.duplicates ?? 0)).toBe(run?.row);
    expect(events?.n).toBeGreaterThanOrEqual(run?.row ?? 0);
  });

  it("skips a paused integration's scheduled sync without a run, and syncs once it is resumed", async () => {
    const file = join(dir, 'paused.ndjson');
    writeFileSync(file, ndjsonRows(20, 'paused'));
    const integrationId = await createFileIntegration(db, workspaceId, file, 50);
    await db.query('UPDATE integrations SET enabled = false WHERE id = $1::uuid', [integrationId]);
    const tick = (n: number) => env.client.workflow.execute(scheduledSyncWorkflow, { taskQueue: TASK_QUEUE, workflowId: `paused-${integrationId}-${n}`, args: [{ workspaceId, integrationId }] });
    expect(await tick(1)).toEqual({ status: 'PAUSED' });
    const runs = () => db.query<{ status: string }>('SELECT status FROM sync_runs WHERE integration_id = $1::uuid', [integrationId]);
    expect(await runs()).toEqual([]);
    await db.query('UPDATE integrations SET enabled = true WHERE id = $1::uuid', [integrationId]);
    expect(await tick(2)).toMatchObject({ status: 'COMPLETED', totals: { events: 20 } });
    expect(await runs()).toEqual([{ status: 'COMPLETED' }]);
  });

  it('fails the run with the plugin error when the integration config is invalid, without retrying', async () => {
    const integrationId = await createFileIntegration(db, workspaceId, join(dir, 'missing.ndjson'), 10);
    await db.query(`UPDATE integrations SET config = '{"format":"xml"}' WHERE id = $1::uuid`, [integrationId]);
    const syncRunId = await createSyncRun(db, workspaceId, integrationId);
    const handle = await startPluginSync(env.client, { workspaceId, integrationId, syncRunId });
    await expect(handle.result()).rejects.toThrow();
    await recordHistory(env.client, 'plugin-sync-failed', handle.workflowId);
    expect(await syncRun(db, syncRunId)).toMatchObject({ status: 'FAILED', pages: 0, error: expect.stringMatching(/config_invalid/) });
  });

  it('shares work between two workers polling the same task queue', async () => {
    const stamp = Date.now();
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => env.client.workflow.execute(pingWorkflow, { taskQueue: TASK_QUEUE, workflowId: `share-${stamp}-${i}`, args: [`${i}`] })),
    );
    const served = new Set(results.map((r) => r.split(' from ')[1]));
    await recordHistory(env.client, 'ping', `share-${stamp}-0`);
    expect(served).toEqual(new Set(['worker-a', 'worker-b']));
  });

  it('retries a page with backoff while the upstream answers 503, then completes with every row once', async () => {
    const body = Buffer.from(ndjsonRows(100, 'remote'));
    let failuresLeft = 6;
    const server = createServer((req, res) => {
      const start = Number(/^bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0);
      // The outage starts after the first page: the resumed Range requests fail for a while.
      if (start > 0 && failuresLeft > 0) {
        failuresLeft -= 1;
        res.writeHead(503).end('maintenance');
        return;
      }
      res.writeHead(start > 0 ? 206 : 200, { 'content-type': 'application/x-ndjson' }).end(body.subarray(start));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('test server has no TCP address');
      const url = `http://127.0.0.1:${address.port}/export.ndjson`;
      const integrationId = await createFileIntegration(db, workspaceId, url, 40);
      await db.query(`UPDATE integrations SET config = config - 'path' || jsonb_build_object('url', $2::text) WHERE id = $1::uuid`, [integrationId, url]);
      const syncRunId = await createSyncRun(db, workspaceId, integrationId);
      // A call reads the pages it may store from one response: with two pages per run, the third
      // page is a resumed Range request, retried in the run whose history is checked below.
      const handle = await startPluginSync(env.client, { workspaceId, integrationId, syncRunId, pagesPerRun: 2 });
      expect(await handle.result()).toEqual({ status: 'COMPLETED', totals: { pages: 3, events: 100, duplicates: 0, rejected: 0 } });
      expect(failuresLeft).toBe(0);
      const history = await handle.fetchHistory();
      const failedAttempts = history.events?.filter((e) => e.activityTaskStartedEventAttributes && (e.activityTaskStartedEventAttributes.attempt ?? 1) > 1).length ?? 0;
      expect(failedAttempts).toBeGreaterThan(0);
      const [stored] = await db.query<{ n: number }>(`SELECT count(DISTINCT external_id)::int AS n FROM events WHERE workspace_id = $1::uuid AND external_id LIKE 'remote-%'`, [workspaceId]);
      expect(stored?.n).toBe(100);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});
