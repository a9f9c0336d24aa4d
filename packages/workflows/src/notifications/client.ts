import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { notificationDeliveryWorkflow } from '../notification-delivery.workflow.js';
import { TASK_QUEUE } from '../task-queue.js';
import { deliveryWorkflowId } from './ids.js';

export { deliveryWorkflowId };

// One workflow per delivery, named after it, so starting one twice (a sweep after a crash) sends once.
export async function startNotificationDeliveries(client: Client, deliveryIds: string[]): Promise<void> {
  for (const deliveryId of deliveryIds) {
    try {
      await client.workflow.start(notificationDeliveryWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId: deliveryWorkflowId(deliveryId),
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [{ deliveryId }],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}
