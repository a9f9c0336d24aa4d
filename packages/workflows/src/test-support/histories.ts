import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';

export const HISTORIES_DIR = resolve(import.meta.dirname, '../../test/histories');

// With WAYMARK_RECORD_HISTORIES=1 the integration tests save the histories the replay test checks.
export async function recordHistory(client: Client, name: string, workflowId: string, runId?: string): Promise<void> {
  if (process.env['WAYMARK_RECORD_HISTORIES'] !== '1') return;
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  writeFileSync(resolve(HISTORIES_DIR, `${name}.json`), `${historyToJSON(history)}\n`);
}
