import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';

// Reads server-sent events until the stream ends, calling onEvent for each data payload.
async function readEvents(response: Response, onEvent: (data: unknown) => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return seen;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('');
      const isNext = block.includes('event: next') || !block.includes('event:');
      if (data && isNext) {
        const parsed: unknown = JSON.parse(data);
        seen.push(parsed);
        await onEvent(parsed);
      }
    }
  }
}

describe('live progress over server-sent events', () => {
  let api: ApiHarness;
  let syncRunId: string;
  beforeAll(async () => {
    api = await startHarness({ WAYMARK_SECRETS_KEY: Buffer.alloc(32, 7).toString('base64') });
    const configured = await api.gql<{ configureIntegration: { id: string } }>(api.adminToken,
      'mutation { configureIntegration(input: { pluginId: "file-import", name: "Import", config: { format: "ndjson", path: "/tmp/x.ndjson", touchpointKey: "web.booking", kind: "VIEW" } }) { id } }');
    syncRunId = randomUUID();
    await api.test.db.query(`INSERT INTO sync_runs (id, workspace_id, integration_id, status) VALUES ($1, $2, $3, 'RUNNING')`, [syncRunId, api.workspaceId, configured.data!.configureIntegration.id]);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('streams each change of a sync run until it completes', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${api.adminToken}` },
      body: JSON.stringify({ query: 'subscription($id: ID!) { syncRunProgress(id: $id) { status pages eventsAccepted } }', variables: { id: syncRunId } }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    let step = 0;
    const events = await readEvents(response, async () => {
      step += 1;
      if (step === 1) await api.test.db.query(`UPDATE sync_runs SET pages = 3, events = 120 WHERE id = $1`, [syncRunId]);
      if (step === 2) await api.test.db.query(`UPDATE sync_runs SET status = 'COMPLETED', finished_at = now() WHERE id = $1`, [syncRunId]);
    });
    expect(events).toEqual([
      { data: { syncRunProgress: { status: 'RUNNING', pages: 0, eventsAccepted: 0 } } },
      { data: { syncRunProgress: { status: 'RUNNING', pages: 3, eventsAccepted: 120 } } },
      { data: { syncRunProgress: { status: 'COMPLETED', pages: 3, eventsAccepted: 120 } } },
    ]);
  });

  it('refuses anonymous subscribers', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription($id: ID!) { syncRunProgress(id: $id) { status } }', variables: { id: syncRunId } }),
    });
    const events = await readEvents(response, async () => undefined);
    expect(JSON.stringify(events)).toContain('UNAUTHENTICATED');
  });
});
