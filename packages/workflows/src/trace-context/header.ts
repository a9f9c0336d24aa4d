import { defaultPayloadConverter } from '@temporalio/common';
import type { Headers, Payload } from '@temporalio/common';

// W3C trace context (traceparent, tracestate) travels in this Temporal header from whoever starts a
// workflow (the API, inside its request span) through the workflow to its activities, so the
// worker's activity spans join the caller's trace. Safe to load in the workflow sandbox.
export const TRACE_CONTEXT_HEADER = 'waymark-trace-context';

export type TraceCarrier = Record<string, string>;

/** The header payload for a carrier filled by a propagator; none when the carrier is empty. */
export function traceContextPayload(carrier: TraceCarrier): Payload | undefined {
  return Object.keys(carrier).length === 0 ? undefined : defaultPayloadConverter.toPayload(carrier);
}

/** The carrier a header holds, for a propagator to extract; empty when there is none or it is not one. */
export function traceCarrier(headers: Headers | undefined): TraceCarrier {
  const payload = headers?.[TRACE_CONTEXT_HEADER];
  if (payload === undefined) return {};
  const value: unknown = defaultPayloadConverter.fromPayload(payload);
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The input with the trace header added, unless it has one already or there is none to add. */
export function withTraceHeader<T extends { headers: Headers }>(input: T, header: Payload | undefined): T {
  if (header === undefined || input.headers[TRACE_CONTEXT_HEADER] !== undefined) return input;
  return { ...input, headers: { ...input.headers, [TRACE_CONTEXT_HEADER]: header } };
}
