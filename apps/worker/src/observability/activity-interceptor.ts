import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Context as ActivityContext } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';
import { traceCarrier } from '@waymark/workflows';
import type { Logger } from './logger.js';
import type { WorkerMetrics } from './metrics.js';

const tracer = trace.getTracer('waymark-worker');

function outcomeOf(error: unknown): 'failed' | 'cancelled' {
  return error instanceof CancelledFailure ? 'cancelled' : 'failed';
}

// Per activity attempt: latency and failure metrics, a span, and a failure log line that carries
// the workflow id, run id and activity type. The span continues the trace of whoever started the
// workflow (the API request), when the workflow carries one (TRACE_CONTEXT_HEADER).
class ObservedActivity implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly ctx: ActivityContext,
    private readonly metrics: WorkerMetrics,
    private readonly log: Logger,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const { activityType, workflowExecution, attempt } = this.ctx.info;
    const ids = { workflowId: workflowExecution?.workflowId ?? '', runId: workflowExecution?.runId ?? '', activityType, attempt };
    const started = process.hrtime.bigint();
    const caller = propagation.extract(ROOT_CONTEXT, traceCarrier(input.headers));
    const attributes = { 'temporal.workflow_id': ids.workflowId, 'temporal.run_id': ids.runId, 'temporal.activity_type': activityType, 'temporal.attempt': attempt };
    const span = tracer.startSpan(`activity ${activityType}`, { kind: SpanKind.INTERNAL, attributes }, caller);
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await context.with(trace.setSpan(context.active(), span), () => next(input));
      this.metrics.activityDuration.observe({ activity: activityType, outcome: 'ok' }, seconds());
      return result;
    } catch (error) {
      const outcome = outcomeOf(error);
      this.metrics.activityDuration.observe({ activity: activityType, outcome }, seconds());
      if (outcome === 'failed') this.metrics.activityFailures.inc({ activity: activityType });
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      this.log[outcome === 'failed' ? 'warn' : 'info']({ ...ids, err: error }, `activity ${outcome}`);
      throw error;
    } finally {
      span.end();
    }
  }
}

export function observedActivities(metrics: WorkerMetrics, log: Logger): ActivityInterceptorsFactory {
  return (ctx) => ({ inbound: new ObservedActivity(ctx, metrics, log) });
}
