import { resolve } from 'node:path';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { WorkflowBundle } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { TASK_QUEUE } from '../task-queue.js';
import { quietLogger } from './temporal.js';

// Tests run the built registry, exactly what the worker app bundles.
export const BUILT_WORKFLOWS = resolve(import.meta.dirname, '../../dist/workflows.js');

export function bundleWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath: BUILT_WORKFLOWS, logger: quietLogger() });
}

// Each worker gets its own connection, as separate worker processes would.
export async function createTestWorker(env: TestWorkflowEnvironment, bundle: WorkflowBundle, activities: object, identity = 'test-worker'): Promise<Worker> {
  const connection = await NativeConnection.connect({ address: env.connection.options.address });
  return Worker.create({ connection, namespace: env.namespace ?? 'default', taskQueue: TASK_QUEUE, workflowBundle: bundle, activities, identity });
}
