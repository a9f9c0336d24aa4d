import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities } from './notifications/activities.js';
import { DELIVERY_RETRY } from './notifications/types.js';
import type { NotificationDeliveryInput, NotificationDeliveryResult } from './notifications/types.js';

// Sends one queued notification, retrying with backoff; when the receiver refuses it or the
// retries run out, the delivery is marked FAILED with the last answer.
export async function notificationDeliveryWorkflow(input: NotificationDeliveryInput): Promise<NotificationDeliveryResult> {
  const retry = input.retry ?? DELIVERY_RETRY;
  const acts = proxyActivities<NotificationActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: retry.initialIntervalMs, backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: retry.maximumAttempts },
  });
  try {
    const attempt = await acts.deliverNotification({ deliveryId: input.deliveryId });
    return { status: attempt.status };
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const cause = error.cause instanceof ApplicationFailure ? error.cause.message : error.message;
    await acts.failNotification({ deliveryId: input.deliveryId, reason: `Gave up after ${retry.maximumAttempts} attempts: ${cause}` });
    return { status: 'FAILED' };
  }
}
