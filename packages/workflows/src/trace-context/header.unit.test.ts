import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { TRACE_CONTEXT_HEADER, traceCarrier, traceContextPayload, withTraceHeader } from './header.js';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('trace context header', () => {
  it('round-trips a propagator carrier, and adds no header for an empty one', () => {
    const payload = traceContextPayload({ traceparent, tracestate: 'vendor=1' });
    expect(traceCarrier({ [TRACE_CONTEXT_HEADER]: payload! })).toEqual({ traceparent, tracestate: 'vendor=1' });
    expect(traceContextPayload({})).toBeUndefined();
  });

  it('reads nothing from headers without it, and keeps only string entries of a foreign payload', () => {
    expect(traceCarrier(undefined)).toEqual({});
    expect(traceCarrier({ other: defaultPayloadConverter.toPayload({ traceparent }) })).toEqual({});
    expect(traceCarrier({ [TRACE_CONTEXT_HEADER]: defaultPayloadConverter.toPayload('not an object') })).toEqual({});
    expect(traceCarrier({ [TRACE_CONTEXT_HEADER]: defaultPayloadConverter.toPayload({ traceparent, depth: 3 }) })).toEqual({ traceparent });
  });

  it('adds the header to an outbound call unless it already has one', () => {
    const mine = traceContextPayload({ traceparent })!;
    const theirs = traceContextPayload({ traceparent: traceparent.replace('01', '00') })!;
    const input = { activityType: 'x', headers: {} };
    expect(withTraceHeader(input, mine).headers).toEqual({ [TRACE_CONTEXT_HEADER]: mine });
    expect(input.headers).toEqual({});
    expect(withTraceHeader({ headers: { [TRACE_CONTEXT_HEADER]: theirs } }, mine).headers[TRACE_CONTEXT_HEADER]).toBe(theirs);
    expect(withTraceHeader(input, undefined)).toBe(input);
  });
});
