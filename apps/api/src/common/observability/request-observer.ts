import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ProxyTracerProvider, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import type { Logger } from './logger.js';
import type { ApiMetrics } from './metrics.js';

// What one request learnt on its way (GraphQL operation, workspace), read when it finishes.
export interface RequestObservation {
  requestId: string;
  span: Span | null;
  operationName?: string | undefined;
  operation?: string | undefined;
  operationType?: string | undefined;
  workspaceId?: string | undefined;
}

const observations = new WeakMap<object, RequestObservation>();
const tracer = trace.getTracer('waymark-api');
// Accepted as given when it looks like an id, else replaced (it is echoed and logged).
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function observationOf(req: object): RequestObservation | undefined {
  return observations.get(req);
}

// A bounded route label: client-chosen paths must not create new series.
export function routeOf(path: string): string {
  if (path === '/graphql' || path === '/health' || path === '/ready' || path === '/metrics') return path;
  if (path.startsWith('/webhooks/')) return '/webhooks/:integrationId';
  return 'other';
}

function incomingRequestId(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

// What the global provider delegates to before a tracer provider is registered.
const NO_TRACING = new ProxyTracerProvider().getDelegate();

// False until a tracer provider is registered (startTracing): then no context is extracted and no
// span is made, not even a non-recording one.
function tracingOn(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NO_TRACING;
}

function startSpan(req: IncomingMessage, route: string): Span | null {
  if (!tracingOn()) return null;
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer.startSpan(`${req.method ?? 'GET'} ${route}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'http.route': route } }, parent);
  return span.isRecording() ? span : null;
}

function finish(logger: Logger, metrics: ApiMetrics, req: IncomingMessage, res: ServerResponse, observation: RequestObservation, started: bigint, route: string): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const status = res.statusCode;
  metrics.httpDuration.observe({ method: req.method ?? 'GET', route, status: String(status) }, seconds);
  const spanContext = observation.span?.spanContext();
  if (observation.span) {
    observation.span.setAttribute('http.response.status_code', status);
    if (status >= 500) observation.span.setStatus({ code: SpanStatusCode.ERROR });
    observation.span.end();
  }
  logger.info({
    requestId: observation.requestId, method: req.method, route, status, durationMs: Math.round(seconds * 10_000) / 10,
    operationName: observation.operationName, operation: observation.operation, workspaceId: observation.workspaceId,
    traceId: spanContext?.traceId, spanId: spanContext?.spanId,
  }, 'request');
}

// Request id in and out, one log line, the latency histogram and the HTTP span, for every request.
export function requestObserver(logger: Logger, metrics: ApiMetrics) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = process.hrtime.bigint();
    const route = routeOf((req.url ?? '/').split('?', 1)[0] ?? '/');
    const observation: RequestObservation = { requestId: incomingRequestId(req.headers), span: startSpan(req, route) };
    observations.set(req, observation);
    res.setHeader('x-request-id', observation.requestId);
    res.once('close', () => finish(logger, metrics, req, res, observation, started, route));
  };
}
