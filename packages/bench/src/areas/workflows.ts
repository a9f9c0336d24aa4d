import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { Db } from '@waymark/db';
import { createPostgresDb, migrate } from '@waymark/db';
import { createPluginRegistry, pullPages } from '@waymark/plugin-host';
import type { PluginRegistry } from '@waymark/plugin-host';
import { createActivities, envSecretsDecryptor, ingestHostPage, startPluginSync, TASK_QUEUE, WORKFLOWS_PATH } from '@waymark/workflows';
import { databaseUrl, dropDatabase, recreateDatabase } from '../harness/postgres.js';
import { infoMetric } from '../harness/measure.js';
import type { BenchArea, BenchContext, BenchMetric } from '../harness/types.js';

export interface WorkflowsBenchOptions {
  rows: number;
  pageSize: number;
}

const DEFAULT_OPTIONS: WorkflowsBenchOptions = { rows: Number(process.env['WAYMARK_BENCH_WORKFLOWS_ROWS'] ?? 20_000), pageSize: 500 };
// Temporal adds a durable round trip per page: allow at most half the direct loop's throughput.
const MIN_RATIO = 0.5;

const noop = (): void => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };

async function temporalBinary(): Promise<string> {
  if (process.env['WAYMARK_TEMPORAL_BIN']) return process.env['WAYMARK_TEMPORAL_BIN'];
  const mod: { ensureTemporalBinary: () => string | null } = await import(pathToFileURL(resolve(import.meta.dirname, '../../../../infra/temporal/temporal-binary.mjs')).href);
  const binary = mod.ensureTemporalBinary();
  if (!binary) throw new Error('No Temporal dev server: set WAYMARK_TEMPORAL_BIN (see TOOLCHAIN.md)');
  return binary;
}

function importConfig(file: string, options: WorkflowsBenchOptions): Record<string, unknown> {
  return { format: 'ndjson', path: file, touchpointKey: 'web', kind: 'VIEW', pageSize: options.pageSize, mapping: { externalId: 'id' } };
}

async function seed(db: Db, file: string, options: WorkflowsBenchOptions): Promise<{ workspaceId: string; integrationId: string }> {
  const workspaceId = randomUUID();
  const integrationId = randomUUID();
  const stageId = randomUUID();
  const journeyId = randomUUID();
  await db.query('INSERT INTO workspaces (id, name) VALUES ($1::uuid, $2)', [workspaceId, 'bench']);
  await db.query(`INSERT INTO journeys (id, workspace_id, name, updated_at) VALUES ($1::uuid, $2::uuid, 'bench', now())`, [journeyId, workspaceId]);
  await db.query(`INSERT INTO stages (id, workspace_id, journey_id, name, position) VALUES ($1::uuid, $2::uuid, $3::uuid, 'Stay', 0)`, [stageId, workspaceId, journeyId]);
  await db.query(
    `INSERT INTO touchpoints (id, workspace_id, stage_id, key, name, type, channel, mode, updated_at) VALUES (gen_random_uuid(), $1::uuid, $2::uuid, 'web', 'web', 'INTERACTION', 'web', 'ONLINE', now())`,
    [workspaceId, stageId],
  );
  const config = importConfig(file, options);
  await db.query(
    `INSERT INTO integrations (id, workspace_id, name, plugin_id, plugin_version, config, updated_at) VALUES ($1::uuid, $2::uuid, 'bench', 'file-import', '0.0.0', $3::jsonb, now())`,
    [integrationId, workspaceId, JSON.stringify(config)],
  );
  return { workspaceId, integrationId };
}

function writeExport(file: string, rows: number): void {
  const lines: string[] = [];
  for (let n = 0; n < rows; n += 1) lines.push(JSON.stringify({ id: `row-${n}`, customerRef: `email:guest${n % 500}@example.com`, occurredAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString() }));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

async function countEvents(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE workspace_id = $1::uuid', [workspaceId]);
  return row?.n ?? 0;
}

// Baseline: the same pages pulled and ingested in a plain loop, without Temporal.
async function directLoop(db: Db, plugins: PluginRegistry, seeded: { workspaceId: string; integrationId: string }, file: string, options: WorkflowsBenchOptions): Promise<number> {
  const { workspaceId, integrationId } = seeded;
  const start = performance.now();
  const plugin = plugins.require('file-import');
  const config = importConfig(file, options);
  const syncRunId = randomUUID();
  await db.query(`INSERT INTO sync_runs (id, workspace_id, integration_id) VALUES ($1::uuid, $2::uuid, $3::uuid)`, [syncRunId, workspaceId, integrationId]);
  for await (const page of pullPages({ plugin, config, secrets: {}, stream: 'rows', cursor: null })) {
    await ingestHostPage(db, workspaceId, page, { syncRunId, source: 'file-import' });
  }
  return performance.now() - start;
}

export async function runWorkflowsBench(context: BenchContext, options: WorkflowsBenchOptions = DEFAULT_OPTIONS): Promise<BenchMetric[]> {
  const rows = options.rows;
  const names = [`waymark_bench_wf_a_${process.pid}`, `waymark_bench_wf_b_${process.pid}`];
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-wf-'));
  const file = join(dir, 'export.ndjson');
  writeExport(file, rows);
  const dbs: Db[] = [];
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: await temporalBinary() }, ip: '127.0.0.1' } });
  try {
    for (const name of names) {
      await recreateDatabase(context.adminUrl, name);
      const db = await createPostgresDb(databaseUrl(context.adminUrl, name), 5);
      await migrate(db);
      dbs.push(db);
    }
    const [direct, durable] = dbs;
    if (!direct || !durable) throw new Error('bench databases not created');
    const plugins = await createPluginRegistry({ appDir: false });
    context.log(`workflows: direct ingest loop of ${rows} rows`);
    const baseline = await seed(direct, file, options);
    const directMs = await directLoop(direct, plugins, baseline, file, options);

    context.log('workflows: the same rows through the plugin sync workflow');
    const target = await seed(durable, file, options);
    const connection = await NativeConnection.connect({ address: env.connection.options.address });
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
    const activities = createActivities({ db: durable, plugins, ingestPage: ingestHostPage, decryptSecrets: envSecretsDecryptor(), workerName: 'bench' });
    const worker = await Worker.create({ connection, namespace: 'default', taskQueue: TASK_QUEUE, workflowBundle, activities });
    const syncRunId = randomUUID();
    await durable.query(`INSERT INTO sync_runs (id, workspace_id, integration_id) VALUES ($1::uuid, $2::uuid, $3::uuid)`, [syncRunId, target.workspaceId, target.integrationId]);
    const start = performance.now();
    const outcome = await worker.runUntil(async () => (await startPluginSync(env.client, { workspaceId: target.workspaceId, integrationId: target.integrationId, syncRunId })).result());
    const workflowMs = performance.now() - start;
    await connection.close();

    const stored = [await countEvents(direct, baseline.workspaceId), await countEvents(durable, target.workspaceId)];
    const ratio = Math.round((directMs / workflowMs) * 100) / 100;
    const perSecond = (ms: number) => Math.round(rows / (ms / 1000));
    return [
      infoMetric('rows synced', outcome.totals.events, 'events'),
      { metric: 'events stored by both (workflow / direct)', value: stored[1] ?? 0, unit: 'events', baseline: stored[0] ?? 0, ratio: null, target: `= ${rows} each`, met: stored.every((n) => n === rows) },
      { metric: 'plugin sync throughput (Temporal workflow vs direct loop)', value: perSecond(workflowMs), unit: 'events/s', baseline: perSecond(directMs), ratio, target: `≥ ${MIN_RATIO}× of direct`, met: ratio >= MIN_RATIO && outcome.totals.events === rows },
      infoMetric('sync pages', outcome.totals.pages, 'pages'),
    ];
  } finally {
    await Promise.all(dbs.map((db) => db.close()));
    for (const name of names) await dropDatabase(context.adminUrl, name);
    await env.teardown();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const workflowsArea: BenchArea = {
  name: 'workflows',
  description: 'Plugin sync through Temporal (dev server) against the same pages ingested in a plain loop',
  run: (context) => runWorkflowsBench(context),
};
