import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { roiEvaluationWorkflow } from '../roi-evaluation.workflow.js';
import { TASK_QUEUE } from '../task-queue.js';
import type { RoiEvaluationInput } from './types.js';

export const roiWorkflowId = (evaluationId: string): string => `roi-${evaluationId}`;

// The API creates the QUEUED roi_evaluations row first and passes its id.
export async function startRoiEvaluation(client: Client, input: RoiEvaluationInput): Promise<WorkflowHandleWithFirstExecutionRunId<typeof roiEvaluationWorkflow>> {
  return client.workflow.start(roiEvaluationWorkflow, { taskQueue: TASK_QUEUE, workflowId: roiWorkflowId(input.evaluationId), args: [input] });
}
