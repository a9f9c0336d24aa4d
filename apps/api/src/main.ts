import { createDb, migrate } from '@waymark/db';
import { startFirstRuns } from './bootstrap/first-runs.js';
import { ensureFirstWorkspace } from './bootstrap/first-workspace.js';
import { startApp } from './bootstrap/create-app.js';
import type { RunningApp } from './bootstrap/create-app.js';
import { createLogger } from './common/observability/logger.js';
import type { Logger } from './common/observability/logger.js';
import { startTracing } from '@waymark/tracing';
import type { Tracing } from '@waymark/tracing';
import { readApiConfig } from './config/api-config.js';
import { WorkflowsService } from './modules/workflows/workflows.service.js';

// Below the chart's 30 s termination grace, so the pool and Temporal still close in time.
const DRAIN_MS = 25_000;

function onSignals(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      // A second signal while draining changes nothing: the drain has its own deadline.
      if (stopping) return;
      stopping = true;
      void stop(signal);
    });
  }
}

function shutdown(log: Logger, running: RunningApp, closeDb: () => Promise<void>, tracing: Tracing | null) {
  return async (signal: string): Promise<void> => {
    const started = Date.now();
    log.info({ signal }, 'draining: refusing new connections, finishing requests in flight');
    try {
      await running.close(DRAIN_MS);
      await closeDb();
      await tracing?.shutdown();
      log.info({ durationMs: Date.now() - started }, 'stopped');
      log.flush();
      process.exitCode = 0;
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
    }
    // Nothing should be left, but a stray timer or socket must not hold the pod past its grace.
    setTimeout(() => process.exit(), 1000).unref();
  };
}

async function main(): Promise<void> {
  const config = readApiConfig();
  const log = createLogger(config.WAYMARK_LOG_LEVEL ?? 'info');
  // Before anything creates spans: registers the global tracer when OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const tracing = startTracing('api');
  const db = await createDb();
  await migrate(db);
  const first = await ensureFirstWorkspace(db, config);
  if (first.generatedToken) {
    // Shown once (only its hash is stored), as plain text so that a person can read it.
    process.stdout.write(`\nWaymark admin token for the first workspace (${first.workspaceId}), shown once:\n  ${first.generatedToken}\n\n`);
  }
  const running = await startApp({ db, config, logger: log });
  if (first.demoSeeded) {
    // Not awaited: the API serves while Temporal takes the runs (the worker may not be up yet).
    startFirstRuns(db, running.app.get(WorkflowsService), first.workspaceId).then(
      (report) => log.info({ applied: report.applied, refused: report.refused }, 'demo schedules applied, each run once now'),
      (error: unknown) => log.warn({ err: error }, 'demo schedules not applied: the worker applies them when it starts, and they run at their times'),
    );
  }
  onSignals(shutdown(log, running, () => db.close(), tracing));
  log.info({ url: `${running.url}/graphql`, tracing: tracing !== null }, `Waymark API listening on ${running.url}/graphql`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Waymark API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
