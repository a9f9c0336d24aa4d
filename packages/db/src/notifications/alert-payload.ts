import type { NotificationEvent } from '../generated/prisma/client.js';

// Wire names of the events, as receivers see them in `type` and the waymark-event header.
export const EVENT_WIRE_NAMES: Record<NotificationEvent, string> = {
  ALERT_OPENED: 'alert.opened',
  ALERT_ACKNOWLEDGED: 'alert.acknowledged',
  ALERT_RESOLVED: 'alert.resolved',
};
export const TEST_EVENT = 'webhook.test';

export interface AlertSnapshot {
  id: string;
  status: string;
  metric: string;
  value: number | null;
  threshold: number;
  direction: string;
  sampleSize: number;
  openedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  touchpoint: { id: string; key: string; name: string; channel: string };
}

const VERBS: Record<NotificationEvent, string> = { ALERT_OPENED: 'alert opened', ALERT_ACKNOWLEDGED: 'alert acknowledged', ALERT_RESOLVED: 'alert resolved' };

function formatValue(value: number | null): string {
  return value === null ? 'no value' : String(Math.round(value * 10) / 10);
}

// One line a chat tool can show as is (Slack and Teams incoming webhooks read `text`).
export function alertText(alert: AlertSnapshot, event: NotificationEvent): string {
  const side = alert.direction === 'ABOVE' ? 'above' : 'below';
  return `${alert.metric} at ${alert.touchpoint.name} is ${formatValue(alert.value)}, ${side} its threshold ${formatValue(alert.threshold)} (sample of ${alert.sampleSize}): ${VERBS[event]}.`;
}

export function alertPayload(input: { deliveryId: string; event: NotificationEvent; at: Date; workspace: { id: string; name: string }; alert: AlertSnapshot }): Record<string, unknown> {
  const { alert } = input;
  return {
    id: input.deliveryId,
    type: EVENT_WIRE_NAMES[input.event],
    occurredAt: input.at.toISOString(),
    workspace: input.workspace,
    alert: {
      ...alert,
      openedAt: alert.openedAt.toISOString(),
      acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    },
    text: alertText(alert, input.event),
  };
}

export function testPayload(input: { deliveryId: string; at: Date; workspace: { id: string; name: string }; webhookName: string }) {
  return {
    id: input.deliveryId,
    type: TEST_EVENT,
    occurredAt: input.at.toISOString(),
    workspace: input.workspace,
    text: `Waymark test notification for "${input.webhookName}": alerts of ${input.workspace.name} will arrive here.`,
  };
}
