import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { kpiWatchWorkflow } from '../kpi-watch.workflow.js';
import { TASK_QUEUE } from '../task-queue.js';
import type { KpiWatchInput } from './types.js';

// One watch per workspace at a time: a second request while one runs joins it.
export async function startKpiWatch(client: Client, input: KpiWatchInput): Promise<WorkflowHandleWithFirstExecutionRunId<typeof kpiWatchWorkflow>> {
  return client.workflow.start(kpiWatchWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: `kpi-watch-${input.workspaceId}`,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [input],
  });
}
