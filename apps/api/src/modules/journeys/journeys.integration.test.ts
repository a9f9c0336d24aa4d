import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';

const CREATE = `mutation($input: JourneyInput!) { createJourney(input: $input) { id name description stages { id name position touchpoints { id key channel facts stage { id name } } } } }`;

describe('journeys over GraphQL', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('refuses a touchpoint key used twice in the input or already used in the workspace, naming it, and creates nothing', async () => {
    const tp = (key: string, name: string) => ({ key, name, type: 'CONTACT', channel: 'on_site', mode: 'OFFLINE' });
    const twice = await api.gql(api.adminToken, CREATE, { input: { name: 'Twice', stages: [{ name: 'A', touchpoints: [tp('kiosk', 'Kiosk')] }, { name: 'B', touchpoints: [tp('kiosk', 'Kiosk again')] }] } });
    expect(twice.errors?.[0]?.message).toBe('Invalid input: stages.1.touchpoints.0.key: "kiosk" is already the key of stages.0.touchpoints.0; keys are unique in the workspace');
    expect((await api.gql(api.adminToken, CREATE, { input: { name: 'First', stages: [{ name: 'A', touchpoints: [tp('lobby.screen', 'Lobby screen')] }] } })).errors).toBeUndefined();
    const taken = await api.gql(api.adminToken, CREATE, { input: { name: 'Second', stages: [{ name: 'A', touchpoints: [tp('lobby.screen', 'Screen')] }] } });
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key', keys: ['lobby.screen'] });
    expect(taken.errors?.[0]?.message).toBe('"lobby.screen" is already used by "Lobby screen" in journey "First". Touchpoint keys are unique in the workspace: choose another key.');
    const names = (await api.gql<{ journeys: { name: string }[] }>(api.adminToken, '{ journeys { name } }')).data?.journeys.map((j) => j.name);
    expect(names).not.toContain('Twice');
    expect(names).not.toContain('Second');
    // Another workspace may use the same key.
    const other = await api.otherWorkspace();
    expect((await api.gql(other.adminToken, CREATE, { input: { name: 'Theirs', stages: [{ name: 'A', touchpoints: [tp('lobby.screen', 'Their screen')] }] } })).errors).toBeUndefined();
  });

  it('answers health without a token', async () => {
    const result = await api.gql(null, '{ health { status } }');
    expect(result.data).toEqual({ health: { status: 'ok' } });
    const http = await fetch(`${api.url}/health`);
    expect(http.status).toBe(200);
  });

  it('creates a journey with nested stages and touchpoints and reads it back', async () => {
    const input = {
      name: 'Resort stay',
      stages: [
        { name: 'Awareness', touchpoints: [{ key: 'ad.social', name: 'Social ad', type: 'CONTACT', channel: 'social', mode: 'ONLINE', facts: { 'brand.tagline': 'Stay well' } }] },
        { name: 'Purchase', touchpoints: [{ key: 'web.booking', name: 'Booking page', type: 'INTERACTION', channel: 'web', mode: 'ONLINE', monthlyCost: 120 }] },
      ],
    };
    const created = await api.gql<{ createJourney: { id: string; stages: { position: number; touchpoints: { key: string; stage: { name: string } }[] }[] } }>(api.adminToken, CREATE, { input });
    expect(created.errors).toBeUndefined();
    const journey = created.data!.createJourney;
    expect(journey.stages.map((s) => s.position)).toEqual([0, 1]);
    expect(journey.stages[0]!.touchpoints[0]).toMatchObject({ key: 'ad.social', stage: { name: 'Awareness' } });
    const read = await api.gql<{ journey: { name: string } }>(api.adminToken, `query($id: ID!) { journey(id: $id) { name } }`, { id: journey.id });
    expect(read.data?.journey.name).toBe('Resort stay');
    const list = await api.gql<{ touchpoints: { key: string }[] }>(api.adminToken, `{ touchpoints(channel: "web") { key } }`);
    expect(list.data?.touchpoints).toEqual([{ key: 'web.booking' }]);
  });

  it('reorders and moves touchpoints, and journey(id) returns them in their new order', async () => {
    const tp = (key: string) => ({ key, name: key, type: 'CONTACT', channel: 'web', mode: 'ONLINE' });
    const input = { name: 'Reorder', stages: [{ name: 'One', touchpoints: [tp('r.a'), tp('r.b'), tp('r.c')] }, { name: 'Two', touchpoints: [tp('r.x')] }] };
    type Tree = { id: string; stages: { id: string; touchpoints: { id: string; key: string; position: number }[] }[] };
    const created = (await api.gql<{ createJourney: Tree }>(api.adminToken, CREATE.replace('touchpoints { id key', 'touchpoints { id key position'), { input })).data!.createJourney;
    const [one, two] = created.stages;
    const idOf = (key: string) => one!.touchpoints.find((t) => t.key === key)!.id;
    const MOVE = `mutation($id: ID!, $input: TouchpointPatch!) { updateTouchpoint(id: $id, input: $input) { key position stage { id } } }`;
    const moved = await api.gql<{ updateTouchpoint: { key: string; position: number } }>(api.adminToken, MOVE, { id: idOf('r.c'), input: { position: 0 } });
    expect(moved.data?.updateTouchpoint).toMatchObject({ key: 'r.c', position: 0 });
    await api.gql(api.adminToken, MOVE, { id: idOf('r.a'), input: { stageId: two!.id, position: 0 } });
    const read = await api.gql<{ journey: Tree }>(api.adminToken, `query($id: ID!) { journey(id: $id) { id stages { id touchpoints { id key position } } } }`, { id: created.id });
    expect(read.data?.journey.stages.map((s) => s.touchpoints.map((t) => `${t.key}@${t.position}`))).toEqual([['r.c@0', 'r.b@1'], ['r.a@0', 'r.x@1']]);
    const negative = await api.gql(api.adminToken, MOVE, { id: idOf('r.b'), input: { position: -1 } });
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects invalid input with BAD_USER_INPUT and a message naming the field', async () => {
    const result = await api.gql(api.adminToken, CREATE, { input: { name: '', stages: [] } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/name/);
  });

  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    const result = await api.gql(null, '{ journeys { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });
});
