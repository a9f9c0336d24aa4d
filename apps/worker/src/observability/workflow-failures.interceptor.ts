// Loaded into the workflow bundle (deterministic sandbox): no I/O, no Node built-ins. It reports
// through a sink, which the worker runs outside the sandbox, and never during replay.
import { isCancellation, proxySinks, TemporalFailure, workflowInfo } from '@temporalio/workflow';
import type { Next, Sinks, WorkflowExecuteInput, WorkflowInboundCallsInterceptor, WorkflowInterceptorsFactory } from '@temporalio/workflow';

export interface WorkflowMetricsSinks extends Sinks {
  waymarkMetrics: { workflowFailed(workflowType: string): void };
}

const { waymarkMetrics } = proxySinks<WorkflowMetricsSinks>();

class FailureReporter implements WorkflowInboundCallsInterceptor {
  async execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      // Only a TemporalFailure fails the execution; other errors fail the task, which is retried.
      if (error instanceof TemporalFailure && !isCancellation(error)) waymarkMetrics.workflowFailed(workflowInfo().workflowType);
      throw error;
    }
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [new FailureReporter()] });
