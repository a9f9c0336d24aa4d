import { proxyActivities } from '@temporalio/workflow';
import type { RiskAssessmentActivities } from './risk-assessment/activities.js';
import type { RiskAssessmentInput, RiskAssessmentResult } from './risk-assessment/types.js';
import { ACTIVITY_RETRY } from './run-status.js';

const acts = proxyActivities<RiskAssessmentActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { ...ACTIVITY_RETRY, nonRetryableErrorTypes: ['RiskSetupError'] },
});

// Recomputes the ranked risk register of one journey (replaces the stored one).
export async function riskAssessmentWorkflow(input: RiskAssessmentInput): Promise<RiskAssessmentResult> {
  return acts.assessRisk(input);
}
