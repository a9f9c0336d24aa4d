import type { Db } from '../client/db.js';

export interface PendingDelivery {
  id: string;
  workspaceId: string;
  webhookId: string;
  event: string;
  payload: unknown;
  attempts: number;
  webhookEnabled: boolean;
  target: string;
}

export interface AttemptOutcome {
  delivered: boolean;
  responseStatus: number | null;
  error: string | null;
  // Gives up: the delivery is FAILED whatever retries remain.
  final: boolean;
}

// Queued deliveries nobody has tried since `before` (their workflow never started: a crash, or
// Temporal unreachable when the alert changed).
export async function unsentNotifications(db: Db, workspaceId: string, before: Date): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM notification_deliveries WHERE workspace_id = $1::uuid AND status = 'PENDING' AND attempts = 0 AND created_at < $2::timestamptz ORDER BY created_at, id`,
    [workspaceId, before.toISOString()],
  );
  return rows.map((r) => r.id);
}

// A delivery still to send, with its webhook's sealed target; null once it is delivered or failed.
export async function pendingDelivery(db: Db, deliveryId: string): Promise<PendingDelivery | null> {
  const [row] = await db.query<{ id: string; workspace_id: string; webhook_id: string; event: string; payload: unknown; attempts: number; enabled: boolean; target: string }>(
    `SELECT d.id, d.workspace_id, d.webhook_id, d.event, d.payload, d.attempts, w.enabled, w.target
     FROM notification_deliveries d JOIN notification_webhooks w ON w.id = d.webhook_id
     WHERE d.id = $1::uuid AND d.status = 'PENDING'`,
    [deliveryId],
  );
  if (!row) return null;
  return { id: row.id, workspaceId: row.workspace_id, webhookId: row.webhook_id, event: row.event, payload: row.payload, attempts: row.attempts, webhookEnabled: row.enabled, target: row.target };
}

export async function recordDeliveryAttempt(db: Db, deliveryId: string, outcome: AttemptOutcome, at: Date = new Date()): Promise<void> {
  const status = outcome.delivered ? 'DELIVERED' : outcome.final ? 'FAILED' : 'PENDING';
  await db.query(
    `UPDATE notification_deliveries SET attempts = attempts + 1, last_attempt_at = $2::timestamptz, response_status = $3, error = $4,
       status = $5::"DeliveryStatus", delivered_at = CASE WHEN $5 = 'DELIVERED' THEN $2::timestamptz END
     WHERE id = $1::uuid AND status = 'PENDING'`,
    [deliveryId, at.toISOString(), outcome.responseStatus, outcome.error, status],
  );
}

// Retries ran out (or the webhook went away): the last attempt's status and error stay.
export async function failDelivery(db: Db, deliveryId: string, reason: string): Promise<void> {
  await db.query(`UPDATE notification_deliveries SET status = 'FAILED', error = COALESCE(error, $2) WHERE id = $1::uuid AND status = 'PENDING'`, [deliveryId, reason]);
}
