import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';
import { lastAuditEntry, refusal } from '../../test-support/answers.js';

interface InitiativeRow {
  id: string;
  name: string;
  description: string | null;
  startDate: string;
  endDate: string | null;
  cost: number;
  updatedAt: string;
  touchpoints: { key: string }[];
  latestEvaluation: { id: string; status: string } | null;
}

const FIELDS = 'id name description startDate endDate cost updatedAt touchpoints { key } latestEvaluation { id status }';
const CREATE = `mutation($input: InitiativeInput!) { createInitiative(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: InitiativePatch!) { updateInitiative(id: $id, input: $input) { ${FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteInitiative(id: $id) }';
const READ = `query($id: ID!) { initiative(id: $id) { ${FIELDS} } }`;

const tp = (key: string) => ({ key, name: key, type: 'CONTACT', channel: 'web', mode: 'ONLINE' });

describe('updateInitiative and deleteInitiative', () => {
  let api: ApiHarness;
  let ids: Record<string, string>;
  beforeAll(async () => {
    api = await startHarness();
    const created = await api.gql<{ createJourney: { stages: { touchpoints: { id: string; key: string }[] }[] } }>(
      api.adminToken,
      'mutation($input: JourneyInput!) { createJourney(input: $input) { stages { touchpoints { id key } } } }',
      { input: { name: 'Hotel', stages: [{ name: 'Stay', touchpoints: [tp('hotel.kiosk'), tp('hotel.app'), tp('hotel.desk'), tp('hotel.spa')] }] } },
    );
    ids = Object.fromEntries(created.data!.createJourney.stages[0]!.touchpoints.map((t) => [t.key, t.id]));
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function create(name: string, extra: Record<string, unknown> = {}): Promise<InitiativeRow> {
    const input = { name, description: 'Lobby', startDate: '2026-10-01T00:00:00Z', cost: 500, touchpointIds: [ids['hotel.kiosk']], ...extra };
    const result = await api.gql<{ createInitiative: InitiativeRow }>(api.adminToken, CREATE, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.createInitiative;
  }
  const update = (id: string, input: Record<string, unknown>, token = api.adminToken) => api.gql<{ updateInitiative: InitiativeRow }>(token, UPDATE, { id, input });
  const read = async (id: string) => (await api.gql<{ initiative: InitiativeRow | null }>(api.adminToken, READ, { id })).data!.initiative;
  const evaluate = (initiativeId: string, status: string) =>
    api.test.db.query<{ id: string }>(`INSERT INTO roi_evaluations (id, workspace_id, initiative_id, status) VALUES (gen_random_uuid(), $1, $2, $3::"RunStatus") RETURNING id::text`, [api.workspaceId, initiativeId, status]);

  it('merges the patch with the stored values: a field left out stays, null clears description and endDate, touchpointIds replaces the set', async () => {
    const initiative = await create('Kiosk', { endDate: '2026-12-31T00:00:00Z' });
    const result = await update(initiative.id, { cost: 750, startDate: '2026-09-15T00:00:00Z', touchpointIds: [ids['hotel.app'], ids['hotel.desk']] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateInitiative).toMatchObject({ name: 'Kiosk', description: 'Lobby', startDate: '2026-09-15T00:00:00.000Z', endDate: '2026-12-31T00:00:00.000Z', cost: 750 });
    expect(result.data!.updateInitiative.touchpoints.map((t) => t.key).sort()).toEqual(['hotel.app', 'hotel.desk']);
    expect(Date.parse(result.data!.updateInitiative.updatedAt)).toBeGreaterThan(Date.parse(initiative.updatedAt));

    expect((await update(initiative.id, { description: null, endDate: null, name: '  Kiosk v2 ' })).errors).toBeUndefined();
    expect(await read(initiative.id)).toMatchObject({ name: 'Kiosk v2', description: null, endDate: null, cost: 750 });

    expect(await lastAuditEntry(api)).toEqual({ action: 'initiative.update', details: { fields: ['name', 'description', 'endDate'], changed: true } });
  });

  it('refuses a patch the merged initiative would break, each with its reason, and changes nothing', async () => {
    const initiative = await create('Checks', { endDate: '2026-12-31T00:00:00Z' });
    expect(refusal(await update(initiative.id, {}))).toEqual(['BAD_USER_INPUT', 'Nothing to change: give at least one of name, startDate, cost, touchpointIds, description, endDate.']);
    expect(refusal(await update(initiative.id, { name: ' ' }))).toEqual(['BAD_USER_INPUT', 'Invalid input: name: name must not be empty']);
    expect(refusal(await update(initiative.id, { cost: 0 }))).toEqual(['BAD_USER_INPUT', 'Invalid input: cost: cost must be greater than zero (ROI divides by it)']);
    // The stored endDate is 2026-12-31: a start after it breaks the pair though only startDate is sent.
    expect(refusal(await update(initiative.id, { startDate: '2027-01-15T00:00:00Z' }))).toEqual(['BAD_USER_INPUT', 'Invalid input: endDate: endDate must be after startDate']);
    expect(refusal(await update(initiative.id, { touchpointIds: [] }))).toEqual(['BAD_USER_INPUT', 'Invalid input: touchpointIds: an initiative needs at least one touchpoint']);
    expect(refusal(await update(initiative.id, { cost: null }))).toEqual(['BAD_USER_INPUT', 'cost cannot be cleared: an initiative always has one. Leave it out to keep the current value.']);
    expect(await read(initiative.id)).toMatchObject({ name: 'Checks', cost: 500, startDate: '2026-10-01T00:00:00.000Z', updatedAt: initiative.updatedAt });
  });

  it('keeps to the caller\'s workspace: another workspace\'s initiative is NOT_FOUND, and so is its touchpoint', async () => {
    const initiative = await create('Mine');
    const other = await api.otherWorkspace();
    expect(refusal(await update(initiative.id, { cost: 1 }, other.adminToken))).toEqual(['NOT_FOUND', `No initiative with id "${initiative.id}" in this workspace.`]);
    expect(refusal(await api.gql(other.adminToken, DELETE, { id: initiative.id }))).toEqual(['NOT_FOUND', `No initiative with id "${initiative.id}" in this workspace.`]);
    const journey = await api.gql<{ createJourney: { stages: { touchpoints: { id: string }[] }[] } }>(other.adminToken,
      'mutation { createJourney(input: { name: "Theirs", stages: [{ name: "S", touchpoints: [{ key: "their.tp", name: "Theirs", type: CONTACT, channel: "web", mode: ONLINE }] }] }) { stages { touchpoints { id } } } }');
    const foreignTp = journey.data!.createJourney.stages[0]!.touchpoints[0]!.id;
    const refused = await update(initiative.id, { touchpointIds: [ids['hotel.kiosk'], foreignTp] });
    expect(refusal(refused)).toEqual(['NOT_FOUND', `No touchpoint with id ${foreignTp} in this workspace.`]);
    expect(refused.errors?.[0]?.extensions?.field).toBe('touchpointIds');
    expect((await read(initiative.id))?.touchpoints.map((t) => t.key)).toEqual(['hotel.kiosk']);
    expect(refusal(await update('not-an-id', { cost: 1 }))[0]).toBe('NOT_FOUND');
  });

  it('lets only ADMIN write: EXECUTIVE and ANALYST get FORBIDDEN', async () => {
    const initiative = await create('Roles');
    for (const role of ['EXECUTIVE', 'ANALYST'] as const) {
      const token = await api.token(role);
      expect((await update(initiative.id, { cost: 1 }, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(token, DELETE, { id: initiative.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await read(initiative.id)).toMatchObject({ cost: 500 });
  });

  it('refuses to delete while an evaluation is running, then deletes the initiative with its evaluations and frees its touchpoint', async () => {
    const initiative = await create('Short-lived', { touchpointIds: [ids['hotel.spa']] });
    const [running] = await evaluate(initiative.id, 'RUNNING');
    await evaluate(initiative.id, 'COMPLETED');
    const refused = await api.gql(api.adminToken, DELETE, { id: initiative.id });
    expect(refusal(refused)).toEqual(['BAD_USER_INPUT', 'Initiative "Short-lived" has an ROI evaluation queued or running, which would fail without it. Wait until it has finished, then delete the initiative.']);
    expect(await read(initiative.id)).not.toBeNull();

    await api.test.db.query(`UPDATE roi_evaluations SET status = 'COMPLETED' WHERE id = $1::uuid`, [running!.id]);
    expect((await api.gql<{ deleteInitiative: boolean }>(api.adminToken, DELETE, { id: initiative.id })).data?.deleteInitiative).toBe(true);
    expect(await read(initiative.id)).toBeNull();
    expect(await api.test.db.query('SELECT 1 FROM roi_evaluations WHERE initiative_id = $1::uuid', [initiative.id])).toEqual([]);
    expect((await api.gql<{ roiEvaluation: unknown }>(api.adminToken, 'query($id: ID!) { roiEvaluation(id: $id) { id } }', { id: running!.id })).data?.roiEvaluation).toBeNull();
    expect(await lastAuditEntry(api)).toEqual({ action: 'initiative.delete', details: { name: 'Short-lived' } });
    expect(refusal(await api.gql(api.adminToken, DELETE, { id: initiative.id }))[0]).toBe('NOT_FOUND');
    // Nothing holds the touchpoint any more.
    expect((await api.gql<{ deleteTouchpoint: boolean }>(api.adminToken, 'mutation($id: ID!) { deleteTouchpoint(id: $id) }', { id: ids['hotel.spa'] })).data?.deleteTouchpoint).toBe(true);
  });
});
