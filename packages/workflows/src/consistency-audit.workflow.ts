import { CancellationScope, defineQuery, isCancellation, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ConsistencyAuditActivities } from './consistency-audit/activities.js';
import type { AuditProgress, AuditSummary, ConsistencyAuditInput } from './consistency-audit/types.js';
import { ACTIVITY_RETRY, errorMessage } from './run-status.js';

export const auditProgressQuery = defineQuery<AuditProgress>('auditProgress');

const acts = proxyActivities<ConsistencyAuditActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { ...ACTIVITY_RETRY, nonRetryableErrorTypes: ['AuditSetupError', 'AuditError'] },
});

// Loads the journey, runs every rule, diffs with the previous audit and stores the findings; the
// evaluation replaces this audit's findings wholesale, so a retry after a crash is harmless.
export async function consistencyAuditWorkflow(input: ConsistencyAuditInput): Promise<AuditSummary> {
  const progress: AuditProgress = { status: 'RUNNING', summary: null };
  setHandler(auditProgressQuery, () => progress);
  try {
    await acts.beginAudit(input);
    const summary = await acts.evaluateAudit(input);
    await acts.finishAudit({ ...input, status: 'COMPLETED' });
    Object.assign(progress, { status: 'COMPLETED', summary });
    return summary;
  } catch (error) {
    progress.status = isCancellation(error) ? 'CANCELLED' : 'FAILED';
    const status = progress.status;
    await CancellationScope.nonCancellable(() => acts.finishAudit({ ...input, status, error: errorMessage(error) }));
    throw error;
  }
}
