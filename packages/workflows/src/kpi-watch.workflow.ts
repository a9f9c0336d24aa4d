import { proxyActivities } from '@temporalio/workflow';
import type { KpiWatchActivities } from './kpi-watch/activities.js';
import type { KpiWatchInput, KpiWatchResult } from './kpi-watch/types.js';
import { ACTIVITY_RETRY } from './run-status.js';

const acts = proxyActivities<KpiWatchActivities>({
  startToCloseTimeout: '5 minutes',
  retry: ACTIVITY_RETRY,
});

// Checks every enabled threshold of a workspace: a breach opens an alert, a recovery resolves it.
export async function kpiWatchWorkflow(input: KpiWatchInput): Promise<KpiWatchResult> {
  return acts.checkThresholds(input);
}
