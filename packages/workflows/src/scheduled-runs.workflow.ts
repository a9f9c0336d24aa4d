import { executeChild, proxyActivities, uuid4 } from '@temporalio/workflow';
import { consistencyAuditWorkflow } from './consistency-audit.workflow.js';
import { pluginSyncWorkflow } from './plugin-sync.workflow.js';
import { roiEvaluationWorkflow } from './roi-evaluation.workflow.js';
import { ACTIVITY_RETRY } from './run-status.js';
import type { AuditSummary } from './consistency-audit/types.js';
import type { SyncOutcome } from './plugin-sync/types.js';
import type { RoiOutcome } from './roi-evaluation/types.js';
import type { ScheduledRunActivities } from './schedules/activities.js';
import type { ScheduledAuditInput, ScheduledRoiInput, ScheduledSyncInput } from './schedules/types.js';

const acts = proxyActivities<ScheduledRunActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { ...ACTIVITY_RETRY, nonRetryableErrorTypes: ['ScheduleTargetError'] },
});

// Schedule action for a sync: creates the run row, then runs the same workflow the API starts. A
// paused integration's tick ends here. (Histories from before the activity answered have no answer,
// and go on to the child as they did.)
export async function scheduledSyncWorkflow(input: ScheduledSyncInput): Promise<SyncOutcome | { status: 'PAUSED' }> {
  const syncRunId = uuid4();
  const created = await acts.createSyncRun({ ...input, syncRunId });
  if (created?.paused) return { status: 'PAUSED' };
  return executeChild(pluginSyncWorkflow, { workflowId: `sync-${syncRunId}`, args: [{ ...input, syncRunId }] });
}

export async function scheduledAuditWorkflow(input: ScheduledAuditInput): Promise<AuditSummary> {
  const auditId = uuid4();
  await acts.createAudit({ ...input, auditId });
  return executeChild(consistencyAuditWorkflow, { workflowId: `audit-${auditId}`, args: [{ workspaceId: input.workspaceId, auditId }] });
}

// Re-evaluates an initiative as its data accrues (a running initiative's window ends at the run).
export async function scheduledRoiWorkflow(input: ScheduledRoiInput): Promise<RoiOutcome> {
  const evaluationId = uuid4();
  await acts.createRoiEvaluation({ ...input, evaluationId });
  return executeChild(roiEvaluationWorkflow, { workflowId: `roi-${evaluationId}`, args: [{ workspaceId: input.workspaceId, evaluationId }] });
}
