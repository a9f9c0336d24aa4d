import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';
import { lastAuditEntry, refusal } from '../../test-support/answers.js';

const CONFIGURE = 'mutation($input: IntegrationInput!) { configureIntegration(input: $input) { id } }';
const DELETE = 'mutation($id: ID!) { deleteIntegration(id: $id) }';
const CONFIG = { format: 'csv', path: '/tmp/waymark-delete-test.csv', touchpointKey: 'web.home', kind: 'VIEW' };


describe('deleteIntegration', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  async function configure(name: string, token = api.adminToken): Promise<string> {
    const result = await api.gql<{ configureIntegration: { id: string } }>(token, CONFIGURE, { input: { pluginId: 'file-import', name, config: CONFIG } });
    expect(result.errors).toBeUndefined();
    return result.data!.configureIntegration.id;
  }
  const run = async (integrationId: string, status: string) =>
    (await api.test.db.query<{ id: string }>(`INSERT INTO sync_runs (id, workspace_id, integration_id, status) VALUES (gen_random_uuid(), $1, $2, $3::"RunStatus") RETURNING id::text`,
      [api.workspaceId, integrationId, status]))[0]!.id;
  const names = async (token = api.adminToken) => (await api.gql<{ integrations: { name: string }[] }>(token, '{ integrations { name } }')).data?.integrations.map((i) => i.name);

  it('refuses while a sync runs, saying what to do, then deletes the integration with its history and refused rows', async () => {
    const id = await configure('Trial CSV');
    const running = await run(id, 'RUNNING');
    await api.test.db.query(`INSERT INTO rejected_events (workspace_id, source, external_id, row_index, reason, payload, sync_run_id) VALUES ($1, 'file-import', 'row-7', 6, 'no date', '{}', $2::uuid)`, [api.workspaceId, running]);
    const refused = await api.gql(api.adminToken, DELETE, { id });
    expect(refusal(refused)).toEqual(['BAD_USER_INPUT', 'Integration "Trial CSV" has a sync queued or running. Cancel it (cancelSync) or wait until it has finished, then delete the integration.']);
    expect(refused.errors?.[0]?.extensions?.syncRuns).toBe(1);
    expect(await names()).toContain('Trial CSV');

    await api.test.db.query(`UPDATE sync_runs SET status = 'FAILED' WHERE id = $1::uuid`, [running]);
    expect((await api.gql<{ deleteIntegration: boolean }>(api.adminToken, DELETE, { id })).data?.deleteIntegration).toBe(true);
    expect(await names()).not.toContain('Trial CSV');
    expect((await api.gql<{ syncRun: unknown }>(api.adminToken, 'query($id: ID!) { syncRun(id: $id) { id } }', { id: running })).data?.syncRun).toBeNull();
    expect((await api.gql<{ rejectedEvents: { totalCount: number } }>(api.adminToken, '{ rejectedEvents(source: "file-import") { totalCount } }')).data?.rejectedEvents.totalCount).toBe(0);
    expect(await lastAuditEntry(api)).toEqual({ action: 'integration.delete', details: { name: 'Trial CSV', pluginId: 'file-import', syncRuns: 1, rejectedRows: 1 } });
    expect(refusal(await api.gql(api.adminToken, DELETE, { id }))).toEqual(['NOT_FOUND', `No integration with id "${id}" in this workspace.`]);
  });

  it("keeps to the caller's workspace and role", async () => {
    const id = await configure('Kept CSV');
    const other = await api.otherWorkspace();
    expect(refusal(await api.gql(other.adminToken, DELETE, { id }))).toEqual(['NOT_FOUND', `No integration with id "${id}" in this workspace.`]);
    for (const role of ['EXECUTIVE', 'ANALYST', 'PARTNER'] as const) {
      expect((await api.gql(await api.token(role), DELETE, { id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await names()).toContain('Kept CSV');
    expect(refusal(await api.gql(api.adminToken, DELETE, { id: 'not-an-id' }))[0]).toBe('NOT_FOUND');
  });
});
