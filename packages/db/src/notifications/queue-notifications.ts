import { randomUUID } from 'node:crypto';
import type { Db, SqlRunner } from '../client/db.js';
import { DbError } from '../client/db.js';
import type { NotificationEvent } from '../generated/prisma/client.js';
import { alertPayload, EVENT_WIRE_NAMES } from './alert-payload.js';
import type { AlertSnapshot } from './alert-payload.js';

interface SnapshotRow {
  id: string;
  status: string;
  metric: string;
  value: number | null;
  threshold: number;
  direction: string;
  sample_size: number;
  opened_at: Date;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  touchpoint_id: string;
  touchpoint_key: string;
  touchpoint_name: string;
  channel: string;
  workspace_name: string;
}

async function alertSnapshot(tx: SqlRunner, workspaceId: string, alertId: string): Promise<{ alert: AlertSnapshot; workspaceName: string }> {
  const [row] = await tx.query<SnapshotRow>(
    `SELECT a.id, a.status::text AS status, a.metric::text AS metric, a.value, a.threshold, t.direction::text AS direction, a.sample_size,
            a.opened_at, a.acknowledged_at, a.resolved_at, tp.id AS touchpoint_id, tp.key AS touchpoint_key, tp.name AS touchpoint_name,
            tp.channel, w.name AS workspace_name
     FROM alerts a JOIN kpi_thresholds t ON t.id = a.threshold_id JOIN touchpoints tp ON tp.id = a.touchpoint_id JOIN workspaces w ON w.id = a.workspace_id
     WHERE a.workspace_id = $1::uuid AND a.id = $2::uuid`,
    [workspaceId, alertId],
  );
  if (!row) throw new DbError('NOT_FOUND', `alert ${alertId} does not exist in this workspace`);
  const alert: AlertSnapshot = {
    id: row.id, status: row.status, metric: row.metric, value: row.value, threshold: row.threshold, direction: row.direction,
    sampleSize: row.sample_size, openedAt: new Date(row.opened_at), acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at) : null,
    resolvedAt: row.resolved_at ? new Date(row.resolved_at) : null,
    touchpoint: { id: row.touchpoint_id, key: row.touchpoint_key, name: row.touchpoint_name, channel: row.channel },
  };
  return { alert, workspaceName: row.workspace_name };
}

// Queues one delivery per enabled webhook subscribed to the event, inside the caller's transaction
// (the one that changed the alert), so an alert change and its notifications commit together.
export async function queueAlertNotifications(tx: SqlRunner, workspaceId: string, alertId: string, event: NotificationEvent, at: Date): Promise<string[]> {
  const webhooks = await tx.query<{ id: string }>(
    `SELECT id FROM notification_webhooks WHERE workspace_id = $1::uuid AND enabled AND $2::"NotificationEvent" = ANY(events) ORDER BY id`,
    [workspaceId, event],
  );
  if (webhooks.length === 0) return [];
  const { alert, workspaceName } = await alertSnapshot(tx, workspaceId, alertId);
  const ids = webhooks.map(() => randomUUID());
  const payloads = ids.map((deliveryId) => JSON.stringify(alertPayload({ deliveryId, event, at, workspace: { id: workspaceId, name: workspaceName }, alert })));
  await tx.query(
    `INSERT INTO notification_deliveries (id, workspace_id, webhook_id, alert_id, event, payload, created_at)
     SELECT d.id, $1::uuid, d.webhook_id, $2::uuid, $3, d.payload::jsonb, $4::timestamptz
     FROM unnest($5::uuid[], $6::uuid[], $7::text[]) AS d(id, webhook_id, payload)`,
    [workspaceId, alertId, EVENT_WIRE_NAMES[event], at.toISOString(), ids, webhooks.map((w) => w.id), payloads],
  );
  return ids;
}

export type AlertChange = 'ACKNOWLEDGED' | 'RESOLVED';

export interface AlertChangeResult {
  // false when the alert already was in that state (nothing changed, nobody notified).
  changed: boolean;
  deliveryIds: string[];
}

// A person acknowledges or resolves an alert. Acknowledging a resolved alert is refused: it would
// reopen it without a breach.
export async function changeAlertStatus(db: Db, workspaceId: string, alertId: string, to: AlertChange, at: Date = new Date()): Promise<AlertChangeResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ status: string }>('SELECT status::text AS status FROM alerts WHERE workspace_id = $1::uuid AND id = $2::uuid FOR UPDATE', [workspaceId, alertId]);
    if (!row) throw new DbError('NOT_FOUND', `alert ${alertId} does not exist in this workspace`);
    if (row.status === to) return { changed: false, deliveryIds: [] };
    if (to === 'ACKNOWLEDGED' && row.status === 'RESOLVED') throw new DbError('INVALID_STATE', 'This alert is resolved already: a breach found by the next KPI watch opens a new one.');
    const column = to === 'ACKNOWLEDGED' ? 'acknowledged_at' : 'resolved_at';
    await tx.query(`UPDATE alerts SET status = $3::"AlertStatus", ${column} = $4::timestamptz WHERE workspace_id = $1::uuid AND id = $2::uuid`, [workspaceId, alertId, to, at.toISOString()]);
    const event: NotificationEvent = to === 'ACKNOWLEDGED' ? 'ALERT_ACKNOWLEDGED' : 'ALERT_RESOLVED';
    return { changed: true, deliveryIds: await queueAlertNotifications(tx, workspaceId, alertId, event, at) };
  });
}
