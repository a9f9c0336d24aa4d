import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { InjectedSinks, WorkflowBundle } from '@temporalio/worker';
import { TASK_QUEUE, TRACE_CONTEXT_INTERCEPTORS_PATH, WORKFLOWS_PATH } from '@waymark/workflows';
import { observedActivities } from './observability/activity-interceptor.js';
import type { Logger } from './observability/logger.js';
import type { WorkerMetrics } from './observability/metrics.js';
import type { WorkflowMetricsSinks } from './observability/workflow-failures.interceptor.js';

// Bundled with the workflows (a prebuilt bundle must list it in workflowInterceptorModules), after
// TRACE_CONTEXT_INTERCEPTORS_PATH, which carries a caller's trace context on to activities.
export const WORKFLOW_INTERCEPTORS_PATH = fileURLToPath(new URL('./observability/workflow-failures.interceptor.js', import.meta.url));

export interface WorkerSettings {
  temporalAddress: string;
  namespace: string;
}

// TEMPORAL_ADDRESS set means a real cluster: use it as given, start nothing.
export function workerSettings(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  return {
    temporalAddress: env['TEMPORAL_ADDRESS'] || '127.0.0.1:7233',
    namespace: env['TEMPORAL_NAMESPACE'] || 'default',
  };
}

export interface StartWorkerOptions extends WorkerSettings {
  activities: object;
  // A prebuilt bundle (tests bundle once per file); default: bundle the registry at start.
  workflowBundle?: WorkflowBundle;
  identity?: string;
  maxConcurrentActivityTaskExecutions?: number;
  shutdownGraceTime?: string;
  // Metrics, spans and log lines per activity and failed workflow.
  observability?: { metrics: WorkerMetrics; log: Logger };
}

export interface RunningWorker {
  worker: Worker;
  connection: NativeConnection;
  close(): Promise<void>;
}

function observabilityOptions(observability: StartWorkerOptions['observability']) {
  if (!observability) return { interceptors: { workflowModules: [TRACE_CONTEXT_INTERCEPTORS_PATH] } };
  const sinks: InjectedSinks<WorkflowMetricsSinks> = {
    waymarkMetrics: { workflowFailed: { fn: (_info, workflowType) => observability.metrics.workflowFailures.inc({ workflow: workflowType }), callDuringReplay: false } },
  };
  return { interceptors: { activity: [observedActivities(observability.metrics, observability.log)], workflowModules: [TRACE_CONTEXT_INTERCEPTORS_PATH, WORKFLOW_INTERCEPTORS_PATH] }, sinks };
}

// Connects to Temporal and creates the worker on the `waymark` task queue.
export async function createWaymarkWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  try {
    const worker = await Worker.create({
      connection,
      namespace: options.namespace,
      taskQueue: TASK_QUEUE,
      activities: options.activities,
      ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
      ...(options.identity ? { identity: options.identity } : {}),
      ...(options.maxConcurrentActivityTaskExecutions ? { maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions } : {}),
      shutdownGraceTime: options.shutdownGraceTime ?? '10 seconds',
      ...observabilityOptions(options.observability),
    });
    return { worker, connection, close: () => connection.close() };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

