import type { Db } from '@waymark/db';
import { reapplySchedules } from '@waymark/workflows';
import type { ReapplyReport } from '@waymark/workflows';
import type { WorkflowsService } from '../modules/workflows/workflows.service.js';

/**
 * A new demo workspace's recorded schedules applied to Temporal, each run once now: its first
 * console shows findings, alerts, a risk register and an ROI report instead of empty panels. The
 * runs wait in the task queue until the worker starts.
 */
export function startFirstRuns(db: Db, workflows: WorkflowsService, workspaceId: string): Promise<ReapplyReport> {
  return workflows.run("apply the demo's schedules", (client) => reapplySchedules(db, client, { workspaceId, runNow: true }));
}
