import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';

interface StageRow {
  id: string;
  name: string;
  position: number;
  touchpoints: { key: string }[];
}
interface JourneyRow {
  id: string;
  name: string;
  description: string | null;
  stages: StageRow[];
}

const FIELDS = 'id name description stages { id name position touchpoints { key } }';
const CREATE = `mutation($input: JourneyInput!) { createJourney(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: JourneyPatch!) { updateJourney(id: $id, input: $input) { ${FIELDS} } }`;
const READ = `query($id: ID!) { journey(id: $id) { ${FIELDS} } }`;
const FUNNEL = `query($id: ID!, $w: TimeWindow!) { funnel(journeyId: $id, window: $w) { stage { name } reached } }`;

const tp = (key: string) => ({ key, name: key, type: 'CONTACT', channel: 'web', mode: 'ONLINE' });

describe('updateJourney: rename, add, reorder and remove stages', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function create(name: string, stages: { name: string; touchpoints?: ReturnType<typeof tp>[] }[]): Promise<JourneyRow> {
    const result = await api.gql<{ createJourney: JourneyRow }>(api.adminToken, CREATE, { input: { name, stages } });
    expect(result.errors).toBeUndefined();
    return result.data!.createJourney;
  }

  async function read(id: string): Promise<JourneyRow> {
    return (await api.gql<{ journey: JourneyRow }>(api.adminToken, READ, { id })).data!.journey;
  }

  it('renames the journey, renames and reorders stages, adds one and removes an empty one; the funnel follows the new order', async () => {
    const journey = await create('Spa visit', [{ name: 'Find', touchpoints: [tp('spa.ad')] }, { name: 'Book', touchpoints: [tp('spa.booking')] }, { name: 'Unused' }]);
    const [find, book] = journey.stages;
    const events = [
      { source: 'test', externalId: 'spa-1', touchpointKey: 'spa.booking', customerRef: 'email:spa@example.com', occurredAt: '2026-10-01T10:00:00Z', kind: 'BOOKING', value: 80 },
      { source: 'test', externalId: 'spa-2', touchpointKey: 'spa.ad', customerRef: 'email:spa@example.com', occurredAt: '2026-10-02T10:00:00Z', kind: 'VIEW' },
    ];
    expect((await api.gql(api.adminToken, 'mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted } }', { e: events })).errors).toBeUndefined();

    const input = { name: 'Spa day', description: 'From booking to treatment', stages: [{ id: book!.id, name: 'Booked' }, { id: find!.id, name: 'Discover' }, { name: 'Return' }] };
    const updated = await api.gql<{ updateJourney: JourneyRow }>(api.adminToken, UPDATE, { id: journey.id, input });
    expect(updated.errors).toBeUndefined();
    const expected = { id: journey.id, name: 'Spa day', description: 'From booking to treatment' };
    expect(updated.data!.updateJourney).toMatchObject(expected);
    const stages = (await read(journey.id)).stages;
    expect(stages.map((s) => [s.name, s.position, s.touchpoints.map((t) => t.key)])).toEqual([
      ['Booked', 0, ['spa.booking']],
      ['Discover', 1, ['spa.ad']],
      ['Return', 2, []],
    ]);
    expect(stages.slice(0, 2).map((s) => s.id)).toEqual([book!.id, find!.id]);

    // The customer booked first, then viewed the ad: in the new order both steps are reached.
    const window = { from: '2026-09-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };
    const funnel = await api.gql<{ funnel: { stage: { name: string }; reached: number }[] }>(api.adminToken, FUNNEL, { id: journey.id, w: window });
    expect(funnel.data?.funnel).toEqual([
      { stage: { name: 'Booked' }, reached: 1 },
      { stage: { name: 'Discover' }, reached: 1 },
      { stage: { name: 'Return' }, reached: 0 },
    ]);

    // Only the description, then clearing it: the stages stay as they are.
    const described = await api.gql<{ updateJourney: JourneyRow }>(api.adminToken, UPDATE, { id: journey.id, input: { description: null } });
    expect(described.data!.updateJourney).toMatchObject({ name: 'Spa day', description: null });
    expect((await read(journey.id)).stages.map((s) => s.name)).toEqual(['Booked', 'Discover', 'Return']);
  });

  it('refuses to remove a stage that holds touchpoints, naming it, and changes nothing', async () => {
    const journey = await create('Museum', [{ name: 'Plan', touchpoints: [tp('museum.site'), tp('museum.newsletter')] }, { name: 'Visit' }]);
    const [plan, visit] = journey.stages;
    const result = await api.gql(api.adminToken, UPDATE, { id: journey.id, input: { name: 'Museum visit', stages: [{ id: visit!.id, name: 'Visit' }] } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', stageIds: [plan!.id] });
    expect(result.errors?.[0]?.message).toBe('Cannot remove "Plan" (2 touchpoints): move its touchpoints to another stage first (updateTouchpoint with stageId), or keep the stage in the list.');
    const after = await read(journey.id);
    expect(after.name).toBe('Museum');
    expect(after.stages.map((s) => s.name)).toEqual(['Plan', 'Visit']);
  });

  it('refuses stage ids of another journey or workspace, repeated ids and an empty list', async () => {
    const journey = await create('Shop', [{ name: 'Browse' }, { name: 'Buy' }]);
    const other = await create('Other', [{ name: 'Elsewhere' }]);
    const [browse, buy] = journey.stages;
    const foreign = await api.gql(api.adminToken, UPDATE, { id: journey.id, input: { stages: [{ id: browse!.id, name: 'Browse' }, { id: buy!.id, name: 'Buy' }, { id: other.stages[0]!.id, name: 'Stolen' }] } });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreign.errors?.[0]?.message).toBe(`stages.2.id: "${other.stages[0]!.id}" is not a stage of this journey; leave the id out to add a new stage.`);
    const twice = await api.gql(api.adminToken, UPDATE, { id: journey.id, input: { stages: [{ id: browse!.id, name: 'Browse' }, { id: browse!.id, name: 'Again' }] } });
    expect(twice.errors?.[0]?.message).toContain(`stages.1.id: stage "${browse!.id}" is already at stages.0; list each stage once`);
    const empty = await api.gql(api.adminToken, UPDATE, { id: journey.id, input: { stages: [] } });
    expect(empty.errors?.[0]?.message).toContain('a journey needs at least one stage');
    expect((await read(journey.id)).stages.map((s) => s.name)).toEqual(['Browse', 'Buy']);
    expect((await read(other.id)).stages.map((s) => s.name)).toEqual(['Elsewhere']);

    // Another workspace's admin cannot see it, and an executive cannot change it.
    const outsider = await api.otherWorkspace();
    const hidden = await api.gql(outsider.adminToken, UPDATE, { id: journey.id, input: { name: 'Taken over' } });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const executive = await api.gql(await api.token('EXECUTIVE'), UPDATE, { id: journey.id, input: { name: 'Renamed' } });
    expect(executive.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await read(journey.id)).name).toBe('Shop');
  });
});
