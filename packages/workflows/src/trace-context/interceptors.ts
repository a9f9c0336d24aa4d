// Workflow interceptor module (bundled with the workflows, deterministic sandbox): the trace header
// a workflow was started with goes on to every activity, child workflow and continue-as-new it
// starts. The factory runs once per workflow execution, so `header` belongs to one execution.
import type { Payload } from '@temporalio/common';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { TRACE_CONTEXT_HEADER, withTraceHeader } from './header.js';

export const interceptors: WorkflowInterceptorsFactory = () => {
  let header: Payload | undefined;
  return {
    inbound: [{
      execute(input, next) {
        header = input.headers[TRACE_CONTEXT_HEADER];
        return next(input);
      },
    }],
    outbound: [{
      scheduleActivity: (input, next) => next(withTraceHeader(input, header)),
      scheduleLocalActivity: (input, next) => next(withTraceHeader(input, header)),
      startChildWorkflowExecution: (input, next) => next(withTraceHeader(input, header)),
      continueAsNew: (input, next) => next(withTraceHeader(input, header)),
    }],
  };
};
