import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';
import { event, JOURNEY_INPUT } from '../../test-support/fixtures.js';

const INGEST = `mutation($events: [EventInput!]!) { ingestEvents(events: $events) { accepted duplicates rejected { index externalId reason } } }`;

interface IngestAnswer {
  ingestEvents: { accepted: number; duplicates: number; rejected: { index: number; externalId: string | null; reason: string }[] };
}

describe('ingestEvents', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startHarness();
    const created = await api.gql(api.adminToken, `mutation($input: JourneyInput!) { createJourney(input: $input) { id } }`, { input: JOURNEY_INPUT });
    expect(created.errors).toBeUndefined();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('keeps the good events of a batch and reports each bad one by index with its reason', async () => {
    const events = [event(1), event(2, { touchpointKey: 'no.such.touchpoint' }), event(3), event(4, { nps: 11, kind: 'SURVEY', csat: null }), event(5)];
    const result = await api.gql<IngestAnswer>(api.adminToken, INGEST, { events });
    expect(result.errors).toBeUndefined();
    const answer = result.data!.ingestEvents;
    expect(answer.accepted).toBe(3);
    expect(answer.duplicates).toBe(0);
    expect(answer.rejected.map((r) => [r.index, r.externalId])).toEqual([[1, 'ev-2'], [3, 'ev-4']]);
    expect(answer.rejected[0]!.reason).toMatch(/touchpoint/i);
    expect(answer.rejected[1]!.reason).toMatch(/nps/i);
  });

  it('is idempotent on (source, externalId): sending the batch again stores nothing twice', async () => {
    const events = [event(10), event(11)];
    const first = await api.gql<IngestAnswer>(api.adminToken, INGEST, { events });
    const second = await api.gql<IngestAnswer>(api.adminToken, INGEST, { events });
    expect(first.data!.ingestEvents).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(second.data!.ingestEvents).toMatchObject({ accepted: 0, duplicates: 2 });
    const volume = await api.gql<{ events: { nodes: unknown[] } }>(api.adminToken, '{ events(first: 500) { nodes { id } } }');
    expect(volume.data!.events.nodes).toHaveLength(5);
  });

  it('accepts a batch of 10,000 events in one request', async () => {
    const events = Array.from({ length: 10_000 }, (_, i) => event(100_000 + i));
    const started = Date.now();
    const result = await api.gql<IngestAnswer>(api.adminToken, INGEST, { events });
    expect(result.errors).toBeUndefined();
    expect(result.data!.ingestEvents).toEqual({ accepted: 10_000, duplicates: 0, rejected: [] });
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('refuses a batch over 10,000 events with BAD_USER_INPUT saying how to fix it', async () => {
    const events = Array.from({ length: 10_001 }, (_, i) => event(500_000 + i));
    const result = await api.gql<IngestAnswer>(api.adminToken, INGEST, { events });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/at most 10000 events.*split/);
  });

  it('pages through events with cursors', async () => {
    const first = await api.gql<{ events: { nodes: { id: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
      api.adminToken, '{ events(first: 2) { nodes { id } pageInfo { endCursor hasNextPage } } }');
    const page1 = first.data!.events;
    expect(page1.nodes).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await api.gql<{ events: { nodes: { id: string }[] } }>(api.adminToken, 'query($after: String) { events(first: 2, after: $after) { nodes { id } } }', { after: page1.pageInfo.endCursor });
    const ids = [...page1.nodes, ...second.data!.events.nodes].map((n) => n.id);
    expect(new Set(ids).size).toBe(4);
    const bad = await api.gql(api.adminToken, '{ events(first: 2, after: "!!") { nodes { id } } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
