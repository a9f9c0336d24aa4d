import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export type IngestSource = 'api' | 'webhook' | 'retry';

export interface IngestCounts {
  accepted: number;
  duplicates: number;
  rejected: number;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

// The API's Prometheus metrics, one registry per app (tests run several apps in one process).
export class ApiMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'waymark_http_request_duration_seconds',
    help: 'HTTP request latency, from the first byte read to the response finished.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: 'waymark_graphql_operation_duration_seconds',
    help: 'GraphQL execution latency per operation (root field) and outcome.',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly ingestedEvents = new Counter({
    name: 'waymark_ingested_events_total',
    help: 'Events through ingestion, by entry point (api, webhook), plugin and outcome (accepted, duplicate, rejected).',
    labelNames: ['source', 'plugin', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ service: 'api' });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  countIngested(source: IngestSource, plugin: string, counts: IngestCounts): void {
    if (counts.accepted > 0) this.ingestedEvents.inc({ source, plugin, outcome: 'accepted' }, counts.accepted);
    if (counts.duplicates > 0) this.ingestedEvents.inc({ source, plugin, outcome: 'duplicate' }, counts.duplicates);
    if (counts.rejected > 0) this.ingestedEvents.inc({ source, plugin, outcome: 'rejected' }, counts.rejected);
  }
}
