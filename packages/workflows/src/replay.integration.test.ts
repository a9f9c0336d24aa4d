import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { HISTORIES_DIR } from './test-support/histories.js';
import { quietLogger } from './test-support/temporal.js';
import { bundleWorkflows } from './test-support/worker.js';

const histories = readdirSync(HISTORIES_DIR).filter((name) => name.endsWith('.json')).sort();
const load = (name: string): unknown => JSON.parse(readFileSync(resolve(HISTORIES_DIR, name), 'utf8'));

let bundle: WorkflowBundle;

beforeAll(async () => {
  bundle = await bundleWorkflows();
});

describe('replay of recorded workflow histories', () => {
  it('has a recorded history for every workflow', () => {
    expect(histories.length).toBeGreaterThanOrEqual(10);
  });

  it.each(histories)('the current workflow code replays %s deterministically', async (name) => {
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, replayName: name }, load(name))).resolves.toBeUndefined();
  });

  it('fails on a workflow change that is not behind a patch', async () => {
    const broken = await bundleWorkflowCode({ workflowsPath: resolve(import.meta.dirname, 'test-support/broken-workflows.ts'), logger: quietLogger() });
    await expect(Worker.runReplayHistory({ workflowBundle: broken }, load('ping.json'))).rejects.toThrow(/[Nn]ondetermin/);
  });
});
