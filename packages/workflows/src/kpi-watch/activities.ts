import type { Db } from '@waymark/db';
import { computeKpi } from '@waymark/db';
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
      const result: KpiWatchResult = { checked: thresholds.length, breached: 0, opened: 0, resolved: 0 };
      for (const t of thresholds) {
        const window = { from: new Date(at.getTime() - t.window_days * DAY_MS), to: at };
        const kpi = await computeKpi(db, input.workspaceId, { metric: t.metric, scope: { touchpointId: t.touchpoint_id }, window });
        const state = thresholdState({ direction: t.direction, value: t.value, minSample: t.min_sample }, kpi);
        if (state === 'BREACH') {
          result.breached += 1;
          result.opened += await openAlert(db, input.workspaceId, t, kpi, at);
        } else if (state === 'OK') {
          result.resolved += await resolveAlerts(db, input.workspaceId, t.id, at);
        }
      }
      return result;
    },
  };
}

// At most one unresolved alert per threshold: a breach that is already open stays one alert.
async function openAlert(db: Db, workspaceId: string, t: ThresholdRow, kpi: { value: number | null; sampleSize: number }, at: Date): Promise<number> {
  const rows = await db.query(
    `INSERT INTO alerts (id, workspace_id, touchpoint_id, threshold_id, metric, status, value, threshold, sample_size, opened_at)
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, $4::"Metric", 'OPEN', $5, $6, $7, $8::timestamptz
     WHERE NOT EXISTS (SELECT 1 FROM alerts WHERE workspace_id = $1::uuid AND threshold_id = $3::uuid AND status <> 'RESOLVED')
     RETURNING id`,
    [workspaceId, t.touchpoint_id, t.id, t.metric, kpi.value, t.value, kpi.sampleSize, at.toISOString()],
  );
  return rows.length;
}

async function resolveAlerts(db: Db, workspaceId: string, thresholdId: string, at: Date): Promise<number> {
  const rows = await db.query(
    `UPDATE alerts SET status = 'RESOLVED', resolved_at = $3::timestamptz WHERE workspace_id = $1::uuid AND threshold_id = $2::uuid AND status <> 'RESOLVED' RETURNING id`,
    [workspaceId, thresholdId, at.toISOString()],
  );
  return rows.length;
}

export type KpiWatchActivities = ReturnType<typeof createKpiWatchActivities>;
