import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { randomUUID } from 'node:crypto';

export interface Tracing {
  shutdown(): Promise<void>;
}

// The signal-specific variable is used as given; the generic one is a base URL (OTLP spec).
function tracesUrl(env: NodeJS.ProcessEnv): string | null {
  const traces = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
  if (traces) return traces;
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : null;
}

// Tracing is off unless OTEL_EXPORTER_OTLP_ENDPOINT (or …_TRACES_ENDPOINT) is set. The SDK reads
// the other standard OTEL_* variables (headers, sampler, resource attributes) itself.
export function startTracing(role: 'api' | 'worker', env: NodeJS.ProcessEnv = process.env): Tracing | null {
  const url = tracesUrl(env);
  if (!url) return null;
  const provider = new NodeTracerProvider({
    // OTEL_RESOURCE_ATTRIBUTES first; the process's own identity on top.
    resource: detectResources({ detectors: [envDetector] }).merge(resourceFromAttributes({
      'service.name': env['OTEL_SERVICE_NAME'] || 'waymark',
      'service.instance.id': randomUUID(),
      'waymark.role': role,
    })),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }), { scheduledDelayMillis: 1000 })],
  });
  // Registers the global tracer, W3C trace-context propagation and the async-hooks context manager.
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
