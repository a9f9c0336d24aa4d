import type { Db, NotificationEvent, SqlRunner } from '@waymark/db';
import { computeKpi, queueAlertNotifications, unsentNotifications } from '@waymark/db';
import type { Metric } from '@waymark/domain';
import { DAY_MS } from '@waymark/domain';
import { thresholdState } from './threshold.js';
import type { KpiWatchInput, KpiWatchResult } from './types.js';

export interface KpiWatchDeps {
  db: Db;
  now?: () => Date;
}

interface ThresholdRow {
  id: string;
  touchpoint_id: string;
  metric: Metric;
  direction: 'BELOW' | 'ABOVE';
  value: number;
  window_days: number;
  min_sample: number;
}

export function createKpiWatchActivities(deps: KpiWatchDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async checkThresholds(input: KpiWatchInput): Promise<KpiWatchResult> {
      const at = now();
      const thresholds = await db.query<ThresholdRow>(
        'SELECT id, touchpoint_id, metric, direction, value, window_days, min_sample FROM kpi_thresholds WHERE workspace_id = $1::uuid AND enabled ORDER BY id',
        [input.workspaceId],
      );
      const result: KpiWatchResult = { checked: thresholds.length, breached: 0, opened: 0, resolved: 0, deliveryIds: [] };
      // Deliveries an earlier run (or an API request) queued but whose workflow never started.
      const stranded = await unsentNotifications(db, input.workspaceId, new Date(at.getTime() - STRANDED_AFTER_MS));
      for (const t of thresholds) {
        const window = { from: new Date(at.getTime() - t.window_days * DAY_MS), to: at };
        const kpi = await computeKpi(db, input.workspaceId, { metric: t.metric, scope: { touchpointId: t.touchpoint_id }, window });
        const state = thresholdState({ direction: t.direction, value: t.value, minSample: t.min_sample }, kpi);
        if (state === 'BREACH') {
          result.breached += 1;
          const opened = await openAlert(db, input.workspaceId, t, kpi, at);
          result.opened += opened.alerts;
          result.deliveryIds.push(...opened.deliveryIds);
        } else if (state === 'OK') {
          const resolved = await resolveAlerts(db, input.workspaceId, t.id, at);
          result.resolved += resolved.alerts;
          result.deliveryIds.push(...resolved.deliveryIds);
        }
      }
      result.deliveryIds.push(...stranded);
      return result;
    },
  };
}

const STRANDED_AFTER_MS = 10 * 60_000;

interface AlertChanges {
  alerts: number;
  deliveryIds: string[];
}

// At most one unresolved alert per threshold: a breach that is already open stays one alert.
// The alert and its notifications commit together.
function openAlert(db: Db, workspaceId: string, t: ThresholdRow, kpi: { value: number | null; sampleSize: number }, at: Date): Promise<AlertChanges> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO alerts (id, workspace_id, touchpoint_id, threshold_id, metric, status, value, threshold, sample_size, opened_at)
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, $4::"Metric", 'OPEN', $5, $6, $7, $8::timestamptz
       WHERE NOT EXISTS (SELECT 1 FROM alerts WHERE workspace_id = $1::uuid AND threshold_id = $3::uuid AND status <> 'RESOLVED')
       RETURNING id`,
      [workspaceId, t.touchpoint_id, t.id, t.metric, kpi.value, t.value, kpi.sampleSize, at.toISOString()],
    );
    return notifyEach(tx, workspaceId, rows, 'ALERT_OPENED', at);
  });
}

function resolveAlerts(db: Db, workspaceId: string, thresholdId: string, at: Date): Promise<AlertChanges> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `UPDATE alerts SET status = 'RESOLVED', resolved_at = $3::timestamptz WHERE workspace_id = $1::uuid AND threshold_id = $2::uuid AND status <> 'RESOLVED' RETURNING id`,
      [workspaceId, thresholdId, at.toISOString()],
    );
    return notifyEach(tx, workspaceId, rows, 'ALERT_RESOLVED', at);
  });
}

async function notifyEach(tx: SqlRunner, workspaceId: string, alerts: { id: string }[], event: NotificationEvent, at: Date): Promise<AlertChanges> {
  const deliveryIds: string[] = [];
  for (const alert of alerts) deliveryIds.push(...(await queueAlertNotifications(tx, workspaceId, alert.id, event, at)));
  return { alerts: alerts.length, deliveryIds };
}

export type KpiWatchActivities = ReturnType<typeof createKpiWatchActivities>;
