import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';

const DELETE = 'mutation($id: ID!) { deleteTouchpoint(id: $id) }';
const tp = (key: string) => ({ key, name: key, type: 'CONTACT', channel: 'web', mode: 'ONLINE' });

describe('deleteTouchpoint', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('deletes an unused touchpoint and closes the gap; refuses one with events or in an initiative, saying why', async () => {
    const created = await api.gql<{ createJourney: { id: string; stages: { touchpoints: { id: string; key: string }[] }[] } }>(
      api.adminToken,
      'mutation($input: JourneyInput!) { createJourney(input: $input) { id stages { touchpoints { id key } } } }',
      { input: { name: 'Cafe', stages: [{ name: 'Visit', touchpoints: [tp('cafe.menu'), tp('cafe.mistake'), tp('cafe.till'), tp('cafe.loyalty')] }] } },
    );
    const ids = Object.fromEntries(created.data!.createJourney.stages[0]!.touchpoints.map((t) => [t.key, t.id]));
    const event = { source: 'test', externalId: 'cafe-1', touchpointKey: 'cafe.till', customerRef: 'email:c@example.com', occurredAt: '2026-10-01T09:00:00Z', kind: 'PURCHASE', value: 4.5 };
    expect((await api.gql(api.adminToken, 'mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted } }', { e: [event] })).errors).toBeUndefined();
    const initiative = { name: 'Loyalty card', startDate: '2026-10-01T00:00:00Z', cost: 500, touchpointIds: [ids['cafe.loyalty']] };
    expect((await api.gql(api.adminToken, 'mutation($i: InitiativeInput!) { createInitiative(input: $i) { id } }', { i: initiative })).errors).toBeUndefined();

    const outsider = await api.otherWorkspace();
    expect((await api.gql(outsider.adminToken, DELETE, { id: ids['cafe.mistake'] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await api.gql(await api.token('ANALYST'), DELETE, { id: ids['cafe.mistake'] })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql<{ deleteTouchpoint: boolean }>(api.adminToken, DELETE, { id: ids['cafe.mistake'] })).data?.deleteTouchpoint).toBe(true);

    const withEvents = await api.gql(api.adminToken, DELETE, { id: ids['cafe.till'] });
    expect(withEvents.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', events: 1, initiatives: [] });
    expect(withEvents.errors?.[0]?.message).toBe('Touchpoint "cafe.till" holds 1 event, which would be deleted with it. Keep it: it can be renamed or moved to another stage.');
    const inInitiative = await api.gql(api.adminToken, DELETE, { id: ids['cafe.loyalty'] });
    expect(inInitiative.errors?.[0]?.message).toBe('Touchpoint "cafe.loyalty" is part of initiative "Loyalty card", whose ROI would change. Keep it: it can be renamed or moved to another stage.');

    const journey = await api.gql<{ journey: { stages: { touchpoints: { key: string; position: number }[] }[] } }>(
      api.adminToken, 'query($id: ID!) { journey(id: $id) { stages { touchpoints { key position } } } }', { id: created.data!.createJourney.id });
    expect(journey.data?.journey.stages[0]?.touchpoints).toEqual([
      { key: 'cafe.menu', position: 0 },
      { key: 'cafe.till', position: 1 },
      { key: 'cafe.loyalty', position: 2 },
    ]);
    // The key is free again.
    expect((await api.gql(api.adminToken, 'mutation { createJourney(input: { name: "Again", stages: [{ name: "S", touchpoints: [{ key: "cafe.mistake", name: "Fixed", type: CONTACT, channel: "web", mode: ONLINE }] }] }) { id } }')).errors).toBeUndefined();
  });
});
