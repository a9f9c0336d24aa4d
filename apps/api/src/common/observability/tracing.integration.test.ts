import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';
import { createLogger } from './logger.js';
import { startTracing } from '@waymark/tracing';
import type { Tracing } from '@waymark/tracing';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

interface OtlpExport {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

// A minimal OTLP/HTTP collector: records every POST /v1/traces body (JSON encoding).
function collector(): Promise<{ server: Server; url: string; exports: { path: string; contentType: string; body: OtlpExport }[] }> {
  const exports: { path: string; contentType: string; body: OtlpExport }[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      exports.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: JSON.parse(raw) as OtlpExport });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, exports });
  }));
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('OpenTelemetry traces (OTLP/HTTP)', () => {
  let otlp: Awaited<ReturnType<typeof collector>>;
  let tracing: Tracing | null;
  let api: ApiHarness;
  const lines: { msg: string; requestId?: string; traceId?: string; spanId?: string }[] = [];

  beforeAll(async () => {
    otlp = await collector();
    expect(startTracing('api', {})).toBeNull();
    tracing = startTracing('api', { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_SERVICE_NAME: 'waymark-test' });
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
    api = await startHarness({}, {}, { logger });
  });

  afterAll(async () => {
    await api?.stop();
    await tracing?.shutdown();
    otlp?.server.close();
  });

  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(startTracing('api', { OTEL_SERVICE_NAME: 'x' })).toBeNull();
  });

  it('exports an HTTP server span continuing the caller\'s trace, with the GraphQL operation as its child', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`, 'x-request-id': 'traced-1' },
      body: JSON.stringify({ query: 'query Ping { health { status } }' }),
    });
    expect(response.status).toBe(200);
    await tracing?.shutdown(); // flushes the batch to the collector
    tracing = null;
    const sent = otlp.exports.filter((e) => e.path === '/v1/traces');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]?.contentType).toMatch(/application\/json/);
    const resources = sent.flatMap((e) => e.body.resourceSpans);
    expect(resources[0]?.resource.attributes).toEqual(expect.arrayContaining([
      { key: 'service.name', value: { stringValue: 'waymark-test' } },
      { key: 'waymark.role', value: { stringValue: 'api' } },
    ]));
    const spans = resources.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const http = spans.find((s) => s.name === 'POST /graphql');
    const graphql = spans.find((s) => s.name === 'graphql query health');
    expect(http).toMatchObject({ traceId: TRACE_ID, parentSpanId: '00f067aa0ba902b7' });
    expect(graphql).toMatchObject({ traceId: TRACE_ID, parentSpanId: http?.spanId });
    // The request's log line carries the same ids, so logs and traces join.
    expect(lines.find((l) => l.requestId === 'traced-1')).toMatchObject({ traceId: TRACE_ID, spanId: http?.spanId });
  });
});
