import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '@waymark/db';
import { failDelivery, pendingDelivery, recordDeliveryAttempt } from '@waymark/db';
import type { SecretsDecryptor } from '../plugin-sync/secrets.js';
import { postWebhook } from './send.js';
import type { PostFetch } from './send.js';

export interface NotificationDeps {
  db: Db;
  decryptSecrets: SecretsDecryptor;
  fetch?: PostFetch;
}

export interface DeliveryAttempt {
  status: 'DELIVERED' | 'SKIPPED';
}

export function createNotificationActivities(deps: NotificationDeps) {
  const { db } = deps;
  return {
    // One attempt per activity try: Temporal's retry policy is the backoff. A retryable failure
    // throws so Temporal tries again; a final one is recorded and thrown as non-retryable.
    async deliverNotification(input: { deliveryId: string }): Promise<DeliveryAttempt> {
      const delivery = await pendingDelivery(db, input.deliveryId);
      if (!delivery) return { status: 'SKIPPED' };
      if (!delivery.webhookEnabled) {
        await failDelivery(db, delivery.id, 'The webhook was paused before this was sent.');
        return { status: 'SKIPPED' };
      }
      const target = deps.decryptSecrets(delivery.target, `webhook:${delivery.webhookId}`);
      const outcome = await postWebhook(
        { url: target.url ?? '', signingSecret: target.signingSecret ?? '', deliveryId: delivery.id, event: delivery.event, payload: delivery.payload },
        deps.fetch ? { fetch: deps.fetch } : {},
      );
      await recordDeliveryAttempt(db, delivery.id, outcome);
      if (outcome.delivered) return { status: 'DELIVERED' };
      if (outcome.final) throw ApplicationFailure.nonRetryable(outcome.error ?? 'refused', 'WebhookRefused');
      throw ApplicationFailure.retryable(outcome.error ?? 'failed', 'WebhookUnavailable');
    },
    async failNotification(input: { deliveryId: string; reason: string }): Promise<void> {
      await failDelivery(db, input.deliveryId, input.reason);
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
