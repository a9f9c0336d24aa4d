import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import type { KpiWatchActivities } from './kpi-watch/activities.js';
import type { KpiWatchInput, KpiWatchResult } from './kpi-watch/types.js';
import { notificationDeliveryWorkflow } from './notification-delivery.workflow.js';
import { deliveryWorkflowId } from './notifications/ids.js';
import { ACTIVITY_RETRY } from './run-status.js';

const acts = proxyActivities<KpiWatchActivities>({
  startToCloseTimeout: '5 minutes',
  retry: ACTIVITY_RETRY,
});

// Checks every enabled threshold of a workspace: a breach opens an alert, a recovery resolves it.
// Each notification the changes queued is sent by a workflow of its own, which outlives this one.
export async function kpiWatchWorkflow(input: KpiWatchInput): Promise<KpiWatchResult> {
  const result = await acts.checkThresholds(input);
  // Histories recorded before notifications existed have no deliveryIds.
  for (const deliveryId of result.deliveryIds ?? []) await startDelivery(deliveryId);
  return result;
}

async function startDelivery(deliveryId: string): Promise<void> {
  try {
    await startChild(notificationDeliveryWorkflow, {
      workflowId: deliveryWorkflowId(deliveryId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ deliveryId }],
    });
  } catch (error) {
    // A sweep picked up a delivery whose workflow is running after all: it sends it.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
