import { CancellationScope, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { RoiEvaluationActivities } from './roi-evaluation/activities.js';
import type { RoiEvaluationInput, RoiOutcome } from './roi-evaluation/types.js';
import { ACTIVITY_RETRY, errorMessage } from './run-status.js';

const acts = proxyActivities<RoiEvaluationActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { ...ACTIVITY_RETRY, nonRetryableErrorTypes: ['RoiSetupError', 'KpiError'] },
});

// ROI of an initiative per SPEC §2; the evaluation writes its result and status in one statement.
export async function roiEvaluationWorkflow(input: RoiEvaluationInput): Promise<RoiOutcome> {
  try {
    await acts.beginRoiEvaluation(input);
    return await acts.evaluateRoi(input);
  } catch (error) {
    const status = isCancellation(error) ? 'CANCELLED' : 'FAILED';
    await CancellationScope.nonCancellable(() => acts.failRoiEvaluation({ ...input, status, error: errorMessage(error) }));
    throw error;
  }
}
