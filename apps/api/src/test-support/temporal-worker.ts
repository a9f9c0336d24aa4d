import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { Db } from '@waymark/db';
import { createPluginRegistry } from '@waymark/plugin-host';
import { createActivities, envSecretsDecryptor, ingestHostPage, TASK_QUEUE, WORKFLOWS_PATH } from '@waymark/workflows';

// The Temporal CLI dev server built for this machine (infra/temporal/temporal-binary.mjs).
async function temporalBinary(): Promise<string> {
  if (process.env['WAYMARK_TEMPORAL_BIN']) return process.env['WAYMARK_TEMPORAL_BIN'];
  const modulePath = resolve(import.meta.dirname, '../../../../infra/temporal/temporal-binary.mjs');
  const mod: { ensureTemporalBinary: () => string | null } = await import(pathToFileURL(modulePath).href);
  const binary = mod.ensureTemporalBinary();
  if (!binary) throw new Error('No Temporal dev server: set WAYMARK_TEMPORAL_BIN or install Go to build it (see TOOLCHAIN.md)');
  return binary;
}

const silent = () => undefined;
const quietLogger = { trace: silent, debug: silent, info: silent, warn: silent, error: silent, log: silent };

// A real Temporal dev server on a free port.
export async function startTemporalServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: await temporalBinary() }, ip: '127.0.0.1' } });
}

export interface WorkerOptions {
  db: Db;
  secretsKey: string;
  // Pinned clock for audits and ROI windows.
  now: () => Date;
}

export interface RunningTestWorker {
  stop(): Promise<void>;
}

// An in-process worker running the built workflow registry with the real activities (plugin sync,
// audit, ROI) against the API's database: what apps/worker runs.
export async function startTestWorker(env: TestWorkflowEnvironment, options: WorkerOptions): Promise<RunningTestWorker> {
  const [bundle, plugins] = await Promise.all([bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger }), createPluginRegistry()]);
  const activities = createActivities({
    db: options.db,
    plugins,
    ingestPage: ingestHostPage,
    decryptSecrets: envSecretsDecryptor({ WAYMARK_SECRETS_KEY: options.secretsKey }),
    workerName: 'api-test-worker',
    now: options.now,
  });
  const connection = await NativeConnection.connect({ address: env.connection.options.address });
  const worker = await Worker.create({ connection, namespace: env.namespace ?? 'default', taskQueue: TASK_QUEUE, workflowBundle: bundle, activities, identity: 'api-test-worker' });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
