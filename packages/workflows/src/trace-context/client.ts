import { context, propagation } from '@opentelemetry/api';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { Headers } from '@temporalio/common';
import { traceContextPayload, withTraceHeader } from './header.js';
import type { TraceCarrier } from './header.js';

function withActiveTraceContext<T extends { headers: Headers }>(input: T): T {
  const carrier: TraceCarrier = {};
  // A no-op until a tracer provider registers its propagator (startTracing in @waymark/tracing).
  propagation.inject(context.active(), carrier);
  return withTraceHeader(input, traceContextPayload(carrier));
}

/** For a Temporal client: workflows it starts carry the active trace context (see header.ts). */
export function traceContextClientInterceptor(): WorkflowClientInterceptor {
  return {
    startWithDetails: (input, next) => next(withActiveTraceContext(input)),
    signalWithStart: (input, next) => next(withActiveTraceContext(input)),
  };
}
