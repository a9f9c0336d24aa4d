import { Client, Connection } from '@temporalio/client';
import type { Db } from '@waymark/db';
import { reapplySchedules } from '@waymark/workflows';
import type { ReapplyReport } from '@waymark/workflows';
import type { ApiConfig } from '../config/api-config.js';

const CONNECT_TIMEOUT_MS = 3000;

/**
 * A new demo workspace's recorded schedules applied to Temporal, each run once now: its first
 * console shows findings, alerts, a risk register and an ROI report instead of empty panels. The
 * runs wait in the task queue until the worker starts.
 */
export async function startFirstRuns(db: Db, config: Pick<ApiConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>, workspaceId: string): Promise<ReapplyReport> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, connectTimeout: CONNECT_TIMEOUT_MS });
  try {
    return await reapplySchedules(db, new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), { workspaceId, runNow: true });
  } finally {
    await connection.close();
  }
}
