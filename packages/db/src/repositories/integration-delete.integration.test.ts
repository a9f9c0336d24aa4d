import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvents } from '../ingest/ingest-events.js';
import { keepRejectedRecords } from '../ingest/keep-rejected.js';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import { deleteIntegration } from './integration-delete.js';

describe.each(DB_KINDS)('deleteIntegration on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  // A workspace with an integration that ran twice (one run still going), refused a row in one run,
  // and stored an event; and a webhook's refused row, which belongs to no run.
  async function seed() {
    const ws = await t.db.prisma.workspace.create({ data: { name: 'Integrations' } });
    const journey = await t.db.prisma.journey.create({ data: { workspaceId: ws.id, name: 'Stay' } });
    const stage = await t.db.prisma.stage.create({ data: { workspaceId: ws.id, journeyId: journey.id, name: 'Visit', position: 0 } });
    await t.db.prisma.touchpoint.create({ data: { workspaceId: ws.id, stageId: stage.id, key: 'web.home', name: 'Home', type: 'INTERACTION', channel: 'web', mode: 'ONLINE' } });
    const integration = await t.db.prisma.integration.create({ data: { workspaceId: ws.id, name: 'CRM', pluginId: 'crm-hubspot', pluginVersion: '1.0.0' } });
    const done = await t.db.prisma.syncRun.create({ data: { workspaceId: ws.id, integrationId: integration.id, status: 'COMPLETED' } });
    const running = await t.db.prisma.syncRun.create({ data: { workspaceId: ws.id, integrationId: integration.id, status: 'RUNNING' } });
    await keepRejectedRecords(t.db, ws.id, [{ externalId: 'deal-1', reason: 'no close date', payload: { id: 'deal-1' } }], { syncRunId: done.id, source: 'crm-hubspot' });
    await keepRejectedRecords(t.db, ws.id, [{ externalId: 'hook-1', reason: 'bad signature field', payload: {} }], { source: 'crm-hubspot' });
    await ingestEvents(t.db, ws.id, [{ source: 'crm-hubspot', externalId: 'deal-2', touchpointKey: 'web.home', customerRef: 'crm:hubspot:1', occurredAt: '2026-03-01T10:00:00Z', kind: 'PURCHASE', value: 90 }]);
    return { ws: ws.id, integrationId: integration.id, running: running.id };
  }
  const count = async (sql: string, params: unknown[]) => Number((await t.db.query<{ n: number }>(sql, params))[0]?.n ?? 0);

  it('refuses while a sync runs, then deletes the integration with its runs and their refused rows, keeping its events', async () => {
    const { ws, integrationId, running } = await seed();
    expect(await deleteIntegration(t.db, ws, integrationId)).toEqual({ status: 'syncing', name: 'CRM', runs: 1 });
    expect(await count('SELECT count(*)::int AS n FROM sync_runs WHERE integration_id = $1::uuid', [integrationId])).toBe(2);

    await t.db.query(`UPDATE sync_runs SET status = 'CANCELLED' WHERE id = $1::uuid`, [running]);
    expect(await deleteIntegration(t.db, ws, integrationId)).toEqual({ status: 'deleted', name: 'CRM', syncRuns: 2, rejectedRows: 1 });
    expect(await t.db.prisma.integration.findUnique({ where: { id: integrationId } })).toBeNull();
    expect(await count('SELECT count(*)::int AS n FROM sync_runs WHERE integration_id = $1::uuid', [integrationId])).toBe(0);
    expect((await t.db.query<{ external_id: string }>('SELECT external_id FROM rejected_events WHERE workspace_id = $1::uuid', [ws])).map((r) => r.external_id)).toEqual(['hook-1']);
    expect(await count('SELECT count(*)::int AS n FROM events WHERE workspace_id = $1::uuid', [ws])).toBe(1);
    expect(await deleteIntegration(t.db, ws, integrationId)).toEqual({ status: 'not-found' });
  });

  it("does not touch another workspace's integration", async () => {
    const mine = await seed();
    const theirs = await seed();
    await t.db.query(`UPDATE sync_runs SET status = 'COMPLETED' WHERE id = $1::uuid`, [theirs.running]);
    expect(await deleteIntegration(t.db, mine.ws, theirs.integrationId)).toEqual({ status: 'not-found' });
    expect(await t.db.prisma.integration.findUnique({ where: { id: theirs.integrationId } })).not.toBeNull();
    expect(await count('SELECT count(*)::int AS n FROM rejected_events WHERE workspace_id = $1::uuid', [theirs.ws])).toBe(2);
  });
});
