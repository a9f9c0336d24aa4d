import type { DeliveryStatus, NotificationDelivery, NotificationEvent } from '$lib/graphql/types.js';
import { formatDateTime } from '$lib/ui/format.js';

export const NOTIFICATION_EVENTS: readonly NotificationEvent[] = ['ALERT_OPENED', 'ALERT_ACKNOWLEDGED', 'ALERT_RESOLVED'];

// What a new webhook subscribes to unless changed: an acknowledgement is usually said in the channel itself.
export const DEFAULT_EVENTS: readonly NotificationEvent[] = ['ALERT_OPENED', 'ALERT_RESOLVED'];

export const EVENT_LABEL: Record<NotificationEvent, string> = {
  ALERT_OPENED: 'Alert opened',
  ALERT_ACKNOWLEDGED: 'Alert acknowledged',
  ALERT_RESOLVED: 'Alert resolved',
};

// A delivery names its event by the wire name the receiver gets in `waymark-event`.
const WIRE_LABEL: Record<string, string> = {
  'alert.opened': EVENT_LABEL.ALERT_OPENED,
  'alert.acknowledged': EVENT_LABEL.ALERT_ACKNOWLEDGED,
  'alert.resolved': EVENT_LABEL.ALERT_RESOLVED,
  'webhook.test': 'Test',
};

export const STATUS_LABEL: Record<DeliveryStatus, string> = { PENDING: 'Pending', DELIVERED: 'Delivered', FAILED: 'Failed' };

export function isNotificationEvent(value: unknown): value is NotificationEvent {
  return typeof value === 'string' && (NOTIFICATION_EVENTS as readonly string[]).includes(value);
}

// An event the console does not know yet is shown by its wire name rather than hidden.
export function deliveryEventLabel(event: string): string {
  return WIRE_LABEL[event] ?? event;
}

// In the fixed order of NOTIFICATION_EVENTS, whatever order the API lists them in.
export function eventsText(events: readonly NotificationEvent[]): string {
  const labels = NOTIFICATION_EVENTS.filter((event) => events.includes(event)).map((event) => EVENT_LABEL[event]);
  return labels.length === 0 ? 'no events' : labels.join(', ');
}

// The receiver's answer to the last attempt: its HTTP status, or why there was none.
export function answerText(delivery: NotificationDelivery): string {
  if (delivery.responseStatus !== null) return `HTTP ${delivery.responseStatus}`;
  return delivery.attempts === 0 ? 'not sent yet' : 'no answer';
}

// Everything about a delivery after its status: when, how many tries, the answer, and why it failed.
export function deliveryDetail(delivery: NotificationDelivery): string {
  const when = formatDateTime(delivery.deliveredAt ?? delivery.lastAttemptAt ?? delivery.createdAt);
  const parts = [when, answerText(delivery)];
  if (delivery.attempts > 1) parts.push(`${delivery.attempts} attempts`);
  if (delivery.error) parts.push(delivery.error);
  return parts.join(' · ');
}

// What a per-webhook action answered, shown on that webhook's card only.
export interface WebhookFeedback {
  message?: string | undefined;
  error?: string | undefined;
  // The error is about the edit form's values: shown inside it, left open.
  editing?: boolean | undefined;
  tested?: NotificationDelivery | undefined;
}

// For a file name: "#guest-alerts (Slack)" → "guest-alerts-slack".
export function fileSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'webhook';
}
