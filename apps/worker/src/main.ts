import { hostname } from 'node:os';
import { pino } from 'pino';
import { createDb } from '@waymark/db';
import { createPluginRegistry } from '@waymark/plugin-host';
import { createActivities, envSecretsDecryptor, ingestHostPage } from '@waymark/workflows';
import { createWaymarkWorker, workerSettings } from './worker.js';

const log = pino({ name: 'waymark-worker' });

async function main(): Promise<void> {
  const settings = workerSettings();
  const db = await createDb();
  const plugins = await createPluginRegistry();
  for (const problem of plugins.problems) log.warn({ package: problem.packageName }, `plugin not loaded: ${problem.reason}`);
  const workerName = `${hostname()}:${process.pid}`;
  const activities = createActivities({ db, plugins, ingestPage: ingestHostPage, decryptSecrets: envSecretsDecryptor(), workerName });
  const running = await createWaymarkWorker({ ...settings, activities, identity: workerName });
  // SIGTERM/SIGINT: stop polling, let activities in flight finish (grace time), then close.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => running.worker.shutdown());
  log.info({ address: settings.temporalAddress, namespace: settings.namespace, plugins: plugins.list().map((p) => p.id) }, 'worker started');
  try {
    await running.worker.run();
  } finally {
    await running.close();
    await db.close();
    log.info('worker stopped');
  }
}

main().catch((error: unknown) => {
  log.error({ err: error }, 'worker failed');
  process.exitCode = 1;
});
