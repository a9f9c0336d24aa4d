import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { auditProgressQuery, consistencyAuditWorkflow } from '../consistency-audit.workflow.js';
import { TASK_QUEUE } from '../task-queue.js';
import type { AuditProgress, ConsistencyAuditInput } from './types.js';

export const auditWorkflowId = (auditId: string): string => `audit-${auditId}`;

// The API creates the QUEUED consistency_audits row (journey, settings) first and passes its id.
export async function startConsistencyAudit(client: Client, input: ConsistencyAuditInput): Promise<WorkflowHandleWithFirstExecutionRunId<typeof consistencyAuditWorkflow>> {
  return client.workflow.start(consistencyAuditWorkflow, { taskQueue: TASK_QUEUE, workflowId: auditWorkflowId(input.auditId), args: [input] });
}

export async function getAuditProgress(client: Client, auditId: string): Promise<AuditProgress> {
  return client.workflow.getHandle(auditWorkflowId(auditId)).query(auditProgressQuery);
}
