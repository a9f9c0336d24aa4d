import type { Db } from '@waymark/db';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900];

interface LagRow {
  integration_id: string;
  plugin_id: string;
  workspace_id: string;
  lag_seconds: number;
}

// The worker's Prometheus metrics. Sync lag is read from the database at scrape time, so every
// worker replica reports the same value (aggregate with max()).
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly workflowFailures = new Counter({
    name: 'waymark_workflow_failures_total',
    help: 'Workflow executions this worker saw end failed (a failure, not a cancellation).',
    labelNames: ['workflow'] as const,
    registers: [this.registry],
  });
  readonly activityFailures = new Counter({
    name: 'waymark_activity_failures_total',
    help: 'Activity attempts that failed on this worker (each is retried per its policy).',
    labelNames: ['activity'] as const,
    registers: [this.registry],
  });
  readonly activityDuration = new Histogram({
    name: 'waymark_activity_duration_seconds',
    help: 'Activity attempt latency by outcome (ok, failed, cancelled).',
    labelNames: ['activity', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  readonly ingestedEvents = new Counter({
    name: 'waymark_ingested_events_total',
    help: 'Events through ingestion by entry point (sync), plugin and outcome (accepted, duplicate, rejected).',
    labelNames: ['source', 'plugin', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(db: Db, options: { defaultMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ service: 'worker' });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'waymark_sync_lag_seconds',
      help: 'Seconds since the last successful sync (cursor commit) of each enabled integration; since its creation when it never synced.',
      labelNames: ['workspace', 'integration', 'plugin'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await db.query<LagRow>(
          `SELECT id::text AS integration_id, plugin_id, workspace_id::text AS workspace_id,
                  EXTRACT(EPOCH FROM now() - COALESCE(last_sync_at, created_at))::float8 AS lag_seconds
             FROM integrations WHERE enabled`,
        );
        for (const row of rows) this.set({ workspace: row.workspace_id, integration: row.integration_id, plugin: row.plugin_id }, row.lag_seconds);
      },
    });
    new Gauge({
      name: 'waymark_kpi_pending_events',
      help: 'Events a sync wrote that are not yet folded into the KPI pre-aggregates, per workspace with any (KPI reads fold them first).',
      labelNames: ['workspace'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await db.query<{ workspace_id: string; n: number }>('SELECT workspace_id::text AS workspace_id, sum(events)::int AS n FROM kpi_rollup_pending GROUP BY 1');
        for (const row of rows) this.set({ workspace: row.workspace_id }, row.n);
      },
    });
  }

  countIngested(plugin: string, counts: { accepted: number; duplicates: number; rejected: number }): void {
    if (counts.accepted > 0) this.ingestedEvents.inc({ source: 'sync', plugin, outcome: 'accepted' }, counts.accepted);
    if (counts.duplicates > 0) this.ingestedEvents.inc({ source: 'sync', plugin, outcome: 'duplicate' }, counts.duplicates);
    if (counts.rejected > 0) this.ingestedEvents.inc({ source: 'sync', plugin, outcome: 'rejected' }, counts.rejected);
  }
}
