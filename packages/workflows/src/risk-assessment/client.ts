import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { riskAssessmentWorkflow } from '../risk-assessment.workflow.js';
import { TASK_QUEUE } from '../task-queue.js';
import type { RiskAssessmentInput } from './types.js';

// One assessment per journey at a time: a second request while one runs joins it.
export async function startRiskAssessment(client: Client, input: RiskAssessmentInput): Promise<WorkflowHandleWithFirstExecutionRunId<typeof riskAssessmentWorkflow>> {
  return client.workflow.start(riskAssessmentWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: `risk-${input.workspaceId}-${input.journeyId}`,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [input],
  });
}
