import { hostname } from 'node:os';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { createDb } from '@waymark/db';
import type { Db } from '@waymark/db';
import { createPluginRegistry } from '@waymark/plugin-host';
import { createActivities, envSecretsDecryptor, ingestHostPage, reapplySchedules } from '@waymark/workflows';
import type { IngestPage } from '@waymark/workflows';
import { createLogger, logLevel, temporalLogger } from './observability/logger.js';
import type { Logger } from './observability/logger.js';
import { WorkerMetrics } from './observability/metrics.js';
import { startTracing } from '@waymark/tracing';
import { startWorkerHttp } from './observability/worker-http.js';
import { createWaymarkWorker, workerSettings } from './worker.js';
import type { RunningWorker, WorkerSettings } from './worker.js';

const level = logLevel();
const log = createLogger(level);

// Counts ingestion outcomes at the caller, leaving the ingestion path itself untouched.
function countedIngest(metrics: WorkerMetrics): IngestPage {
  return async (db, workspaceId, page, options) => {
    const summary = await ingestHostPage(db, workspaceId, page, options);
    metrics.countIngested(options.source, summary);
    return summary;
  };
}

function httpPort(env: NodeJS.ProcessEnv = process.env): number {
  const port = Number(env['WAYMARK_WORKER_PORT'] || 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`WAYMARK_WORKER_PORT must be a port number; got "${env['WAYMARK_WORKER_PORT']}"`);
  return port;
}

async function startHttp(db: Db, metrics: WorkerMetrics, state: { running: RunningWorker | null; draining: boolean }): Promise<Server> {
  const server = await startWorkerHttp({ db, metrics, worker: () => state.running, draining: () => state.draining }, httpPort(), process.env['HOST'] || '0.0.0.0', (error) => log.error({ err: error }, 'worker HTTP request failed'));
  const address = server.address();
  log.info({ port: typeof address === 'object' && address ? address.port : null }, 'worker HTTP listening (/health, /ready, /metrics)');
  return server;
}

// The schedules the database records, applied to Temporal (see reapplySchedules). A failure is
// logged and the worker runs on: the schedules Temporal already holds keep running.
async function reapply(settings: WorkerSettings, db: Db): Promise<void> {
  try {
    const connection = await Connection.connect({ address: settings.temporalAddress });
    try {
      const report = await reapplySchedules(db, new Client({ connection, namespace: settings.namespace }));
      for (const refused of report.refused) log.warn(refused, 'schedule not applied: fix or remove it with setSchedule / removeSchedule');
      log.info({ applied: report.applied, refused: report.refused.length }, 'schedules applied');
    } finally {
      await connection.close();
    }
  } catch (error) {
    log.warn({ err: error }, 'schedules not re-applied; the ones Temporal holds run as they are');
  }
}

async function main(): Promise<void> {
  // Temporal's logs (and the workflow/activity loggers, with their ids) go through pino.
  Runtime.install({ logger: temporalLogger(log, level) });
  const tracing = startTracing('worker');
  const settings = workerSettings();
  const db = await createDb();
  const metrics = new WorkerMetrics(db);
  const state: { running: RunningWorker | null; draining: boolean } = { running: null, draining: false };
  const server = await startHttp(db, metrics, state);
  const plugins = await createPluginRegistry();
  for (const problem of plugins.problems) log.warn({ package: problem.packageName }, `plugin not loaded: ${problem.reason}`);
  const workerName = `${hostname()}:${process.pid}`;
  const activities = createActivities({ db, plugins, ingestPage: countedIngest(metrics), decryptSecrets: envSecretsDecryptor(), workerName });
  const running = await createWaymarkWorker({ ...settings, activities, identity: workerName, observability: { metrics, log } });
  state.running = running;
  await reapply(settings, db);
  // SIGTERM/SIGINT: not ready, stop polling, let activities in flight finish (grace time), then close.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      state.draining = true;
      log.info({ signal }, 'draining: no new tasks, finishing activities in flight');
      running.worker.shutdown();
    });
  }
  log.info({ address: settings.temporalAddress, namespace: settings.namespace, plugins: plugins.list().map((p) => p.id), tracing: tracing !== null }, 'worker started');
  try {
    await running.worker.run();
  } finally {
    await stop(server, running, db, tracing, log);
  }
}

async function stop(server: Server, running: RunningWorker, db: Db, tracing: { shutdown(): Promise<void> } | null, logger: Logger): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await running.close();
  await db.close();
  await tracing?.shutdown();
  logger.info('worker stopped');
}

main().catch((error: unknown) => {
  log.error({ err: error }, 'worker failed');
  // The HTTP server may be up already: exit rather than linger alive and never ready.
  process.exit(1);
});
