import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';
import { lastAuditEntry, refusal } from '../../test-support/answers.js';

const CREATE = 'mutation($input: JourneyInput!) { createJourney(input: $input) { id stages { touchpoints { id key } } } }';
const DELETE = 'mutation($id: ID!) { deleteJourney(id: $id) }';

describe('deleteJourney', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  async function journey(name: string, key: string): Promise<{ id: string; touchpointId: string }> {
    const input = { name, stages: [{ name: 'Visit', touchpoints: [{ key, name: key, type: 'CONTACT', channel: 'on_site', mode: 'OFFLINE' }] }] };
    const result = await api.gql<{ createJourney: { id: string; stages: { touchpoints: { id: string }[] }[] } }>(api.adminToken, CREATE, { input });
    expect(result.errors).toBeUndefined();
    return { id: result.data!.createJourney.id, touchpointId: result.data!.createJourney.stages[0]!.touchpoints[0]!.id };
  }
  const names = async () => (await api.gql<{ journeys: { name: string }[] }>(api.adminToken, '{ journeys { name } }')).data?.journeys.map((j) => j.name);

  it('refuses while an initiative holds one of its touchpoints or an audit runs, then deletes it with its events', async () => {
    const trial = await journey('Trial stay', 'trial.desk');
    const ingest = await api.gql<{ ingestEvents: { accepted: number } }>(api.adminToken, 'mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted } }', {
      e: [1, 2].map((n) => ({ source: 'pos', externalId: `trial-${n}`, touchpointKey: 'trial.desk', customerRef: `crm:pos:${n}`, occurredAt: '2026-10-01T10:00:00Z', kind: 'VIEW' })),
    });
    expect(ingest.data?.ingestEvents.accepted).toBe(2);
    const initiative = await api.gql<{ createInitiative: { id: string } }>(api.adminToken, 'mutation($i: InitiativeInput!) { createInitiative(input: $i) { id } }', {
      i: { name: 'Desk revamp', touchpointIds: [trial.touchpointId], startDate: '2026-09-01T00:00:00Z', cost: 800 },
    });
    const held = await api.gql(api.adminToken, DELETE, { id: trial.id });
    expect(refusal(held)).toEqual(['BAD_USER_INPUT', 'Journey "Trial stay" has touchpoints in initiative "Desk revamp", whose ROI would change without them. Change the initiatives\' touchpoints (updateInitiative) or delete them first.']);
    expect(held.errors?.[0]?.extensions?.initiatives).toEqual(['Desk revamp']);
    await api.gql(api.adminToken, 'mutation($id: ID!) { deleteInitiative(id: $id) }', { id: initiative.data!.createInitiative.id });

    const [audit] = await api.test.db.query<{ id: string }>(`INSERT INTO consistency_audits (id, workspace_id, journey_id, status) VALUES (gen_random_uuid(), $1, $2, 'RUNNING') RETURNING id::text`, [api.workspaceId, trial.id]);
    expect(refusal(await api.gql(api.adminToken, DELETE, { id: trial.id }))).toEqual(['BAD_USER_INPUT', 'Journey "Trial stay" has a consistency audit queued or running, which would fail without it. Wait until it has finished, then delete the journey.']);
    await api.test.db.query(`UPDATE consistency_audits SET status = 'COMPLETED' WHERE id = $1::uuid`, [audit!.id]);

    expect((await api.gql<{ deleteJourney: boolean }>(api.adminToken, DELETE, { id: trial.id })).data?.deleteJourney).toBe(true);
    expect(await names()).not.toContain('Trial stay');
    expect(await api.test.db.query('SELECT 1 FROM events WHERE workspace_id = $1::uuid AND external_id LIKE $2', [api.workspaceId, 'trial-%'])).toEqual([]);
    expect(await lastAuditEntry(api)).toEqual({ action: 'journey.delete', details: { name: 'Trial stay', touchpoints: 1, events: 2 } });
  });

  it("keeps to the caller's workspace and role", async () => {
    const mine = await journey('Mine', 'mine.desk');
    const other = await api.otherWorkspace();
    expect(refusal(await api.gql(other.adminToken, DELETE, { id: mine.id }))).toEqual(['NOT_FOUND', `No journey with id "${mine.id}" in this workspace.`]);
    for (const role of ['EXECUTIVE', 'ANALYST'] as const) {
      expect((await api.gql(await api.token(role), DELETE, { id: mine.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await names()).toContain('Mine');
  });
});
