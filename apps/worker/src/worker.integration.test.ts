import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createPingActivities, TASK_QUEUE, WORKFLOWS_PATH } from '@waymark/workflows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporal } from './test-support/temporal.js';
import { createWaymarkWorker, workerSettings } from './worker.js';

let env: TestWorkflowEnvironment;
let bundle: Awaited<ReturnType<typeof bundleWorkflowCode>>;

beforeAll(async () => {
  [env, bundle] = await Promise.all([startTemporal(), bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger() })]);
});

afterAll(async () => {
  await env?.teardown();
});

describe('worker', () => {
  it('connects to the dev server and runs a trivial workflow on the waymark task queue', async () => {
    const address = env.connection.options.address;
    const running = await createWaymarkWorker({ temporalAddress: address, namespace: env.namespace ?? 'default', activities: createPingActivities({ workerName: 'w1' }), workflowBundle: bundle });
    try {
      const result = await running.worker.runUntil(env.client.workflow.execute('pingWorkflow', { taskQueue: TASK_QUEUE, workflowId: `ping-${Date.now()}`, args: ['waymark'] }));
      expect(result).toBe('pong waymark from w1');
    } finally {
      await running.close();
    }
  });

  it('uses TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE when set, else the local defaults', () => {
    expect(workerSettings({})).toEqual({ temporalAddress: '127.0.0.1:7233', namespace: 'default' });
    expect(workerSettings({ TEMPORAL_ADDRESS: 'temporal.prod:7233', TEMPORAL_NAMESPACE: 'waymark' })).toEqual({ temporalAddress: 'temporal.prod:7233', namespace: 'waymark' });
  });
});

function quietLogger() {
  const noop = () => undefined;
  return { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
}
