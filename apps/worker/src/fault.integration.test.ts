import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Db } from '@waymark/db';
import { createTestDatabase } from '@waymark/db/testing';
import type { TestDatabase } from '@waymark/db/testing';
import { startConsistencyAudit, startPluginSync } from '@waymark/workflows';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killHard, spawnWorker } from './test-support/processes.js';
import type { WorkerProcess } from './test-support/processes.js';
import { createFileSync, seedWorkspace, writeExport } from './test-support/seed.js';
import { startTemporal } from './test-support/temporal.js';

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let db: Db;
let dir: string;
let workerEnv: Record<string, string>;
const workers: WorkerProcess[] = [];
// Two worker start-ups (each bundles the workflows) plus the heartbeat timeout of the lost activity.
const FAULT_TEST_MS = 240_000;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporal(), createTestDatabase('postgres')]);
  db = database.db;
  dir = mkdtempSync(join(tmpdir(), 'waymark-fault-'));
  workerEnv = { DATABASE_URL: database.databaseUrl ?? '', TEMPORAL_ADDRESS: env.connection.options.address, TEMPORAL_NAMESPACE: env.namespace ?? 'default' };
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => killHard(w)));
});

afterAll(async () => {
  await env?.teardown();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const one = async <T extends object>(sql: string, params: unknown[]): Promise<T> => {
  const [row] = await db.query<T>(sql, params);
  if (!row) throw new Error(`no row for ${sql}`);
  return row;
};

function worker(): WorkerProcess {
  const w = spawnWorker(workerEnv);
  workers.push(w);
  return w;
}

describe('worker process killed and restarted', () => {
  it('completes a sync killed mid-way with every event stored once and the cursor at the end of the file', async () => {
    const { workspaceId } = await seedWorkspace(db, 1);
    const file = join(dir, 'export.ndjson');
    writeExport(file, 3000);
    const { integrationId, syncRunId } = await createFileSync(db, workspaceId, file, 20);
    const first = worker();
    const handle = await startPluginSync(env.client, { workspaceId, integrationId, syncRunId, pagesPerRun: 40 });
    await expect.poll(async () => (await one<{ pages: number }>('SELECT pages FROM sync_runs WHERE id = $1::uuid', [syncRunId])).pages, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(50);
    await killHard(first);
    const killedAt = await one<{ status: string; pages: number }>('SELECT status, pages FROM sync_runs WHERE id = $1::uuid', [syncRunId]);
    expect(killedAt.status).toBe('RUNNING');
    expect(killedAt.pages).toBeLessThan(150);

    worker();
    const outcome = await handle.result();
    expect(outcome.status).toBe('COMPLETED');
    const run = await one<{ status: string; pages: number; events: number; duplicates: number; rejected: number }>('SELECT status, pages, events, duplicates, rejected FROM sync_runs WHERE id = $1::uuid', [syncRunId]);
    // A page stored but not yet committed when the worker died is stored again as duplicates, never twice.
    expect(run).toMatchObject({ status: 'COMPLETED', pages: 150, rejected: 0 });
    expect(run.events + run.duplicates).toBe(3000);
    const stored = await one<{ n: number; distinct: number }>('SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS distinct FROM events WHERE workspace_id = $1::uuid', [workspaceId]);
    expect(stored).toEqual({ n: 3000, distinct: 3000 });
    const cursor = await one<{ cursor: { rows: { offset: number; row: number } } }>('SELECT cursor FROM integrations WHERE id = $1::uuid', [integrationId]);
    expect(cursor.cursor.rows).toMatchObject({ offset: statSync(file).size, row: 3000 });
  }, FAULT_TEST_MS);

  it('completes an audit killed mid-way with each finding stored once', async () => {
    const { workspaceId, journeyId } = await seedWorkspace(db, 400);
    const audit = await one<{ id: string }>(`INSERT INTO consistency_audits (id, workspace_id, journey_id) VALUES (gen_random_uuid(), $1::uuid, $2::uuid) RETURNING id`, [workspaceId, journeyId]);
    const first = worker();
    const handle = await startConsistencyAudit(env.client, { workspaceId, auditId: audit.id });
    await expect.poll(async () => (await one<{ status: string }>('SELECT status FROM consistency_audits WHERE id = $1::uuid', [audit.id])).status, { timeout: 60_000, interval: 20 }).toBe('RUNNING');
    await killHard(first);
    expect((await one<{ status: string }>('SELECT status FROM consistency_audits WHERE id = $1::uuid', [audit.id])).status).toBe('RUNNING');

    worker();
    const summary = await handle.result();
    // 399 touchpoints without owner and 400 without events; no finding stored twice.
    expect(summary).toEqual({ findings: 799, new: 799, persisting: 0, resolved: 0, previousAuditId: null });
    const stored = await one<{ n: number; distinct: number }>('SELECT count(*)::int AS n, count(DISTINCT fingerprint)::int AS distinct FROM findings WHERE audit_id = $1::uuid', [audit.id]);
    expect(stored).toEqual({ n: 799, distinct: 799 });
    expect((await one<{ status: string }>('SELECT status FROM consistency_audits WHERE id = $1::uuid', [audit.id])).status).toBe('COMPLETED');
  }, FAULT_TEST_MS);

  it('shuts down cleanly on SIGTERM', async () => {
    const w = worker();
    await expect.poll(() => w.output(), { timeout: 60_000, interval: 200 }).toContain('worker started');
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(w.output()).toContain('worker stopped');
  }, FAULT_TEST_MS);
});
