import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { pluginSyncWorkflow, syncProgressQuery } from '../plugin-sync.workflow.js';
import { TASK_QUEUE } from '../task-queue.js';
import type { PluginSyncInput, SyncProgress } from './types.js';

export const syncWorkflowId = (syncRunId: string): string => `sync-${syncRunId}`;

// The API creates the QUEUED sync_runs row first and passes its id.
export async function startPluginSync(client: Client, input: PluginSyncInput): Promise<WorkflowHandleWithFirstExecutionRunId<typeof pluginSyncWorkflow>> {
  return client.workflow.start(pluginSyncWorkflow, { taskQueue: TASK_QUEUE, workflowId: syncWorkflowId(input.syncRunId), args: [input] });
}

// Asks the sync to stop after the page in flight; the run ends CANCELLED with its committed pages kept.
export async function cancelPluginSync(client: Client, syncRunId: string): Promise<void> {
  await client.workflow.getHandle(syncWorkflowId(syncRunId)).cancel();
}

// Live progress (follows continue-as-new to the latest run of the chain).
export async function getSyncProgress(client: Client, syncRunId: string): Promise<SyncProgress> {
  return client.workflow.getHandle(syncWorkflowId(syncRunId)).query(syncProgressQuery);
}
