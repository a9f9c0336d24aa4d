import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';

const INGEST = 'mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted rejected { index reason } } }';
const RETRY = `mutation($ids: [ID!], $source: String, $syncRunId: ID, $after: String) {
  retryRejectedEvents(ids: $ids, source: $source, syncRunId: $syncRunId, after: $after) {
    retried accepted duplicates remaining endCursor stillRejected { id index externalId reason } } }`;
const LIST = 'query($source: String) { rejectedEvents(source: $source) { totalCount nodes { id externalId reason retries retriedAt } } }';

interface Retry {
  retryRejectedEvents: { retried: number; accepted: number; duplicates: number; remaining: number; endCursor: string | null; stillRejected: { id: string; index: number; externalId: string; reason: string }[] };
}
interface Listed {
  rejectedEvents: { totalCount: number; nodes: { id: string; externalId: string; reason: string; retries: number; retriedAt: string | null }[] };
}

const event = (externalId: string, touchpointKey: string) => ({
  source: 'pos-export', externalId, touchpointKey, customerRef: `crm:pos:${externalId}`, occurredAt: '2026-10-02T09:00:00Z', kind: 'PURCHASE', value: 12,
});

describe('retryRejectedEvents', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('stores the rows once their touchpoint exists, keeps the rest with why, and leaves other workspaces alone', async () => {
    const first = await api.gql<{ ingestEvents: { accepted: number; rejected: { index: number; reason: string }[] } }>(api.adminToken, INGEST, {
      e: [event('pos-1', 'shop.till'), event('pos-2', 'shop.till'), event('pos-3', 'shop.tlil')],
    });
    expect(first.data?.ingestEvents.rejected.map((r) => r.reason)).toEqual(['unknown touchpoint key "shop.till"', 'unknown touchpoint key "shop.till"', 'unknown touchpoint key "shop.tlil"']);
    const listed = await api.gql<Listed>(api.adminToken, LIST, { source: 'pos-export' });
    expect(listed.data?.rejectedEvents.nodes.map((n) => [n.externalId, n.retries, n.retriedAt])).toEqual([['pos-3', 0, null], ['pos-2', 0, null], ['pos-1', 0, null]]);
    const ids = listed.data!.rejectedEvents.nodes.map((n) => n.id);

    const outsider = await api.otherWorkspace();
    const crossing = await api.gql<Retry>(outsider.adminToken, RETRY, { ids });
    expect(crossing.data?.retryRejectedEvents).toMatchObject({ retried: 0, accepted: 0 });
    expect((await api.gql(await api.token('EXECUTIVE'), RETRY, { ids })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const journey = await api.gql<{ createJourney: { stages: { id: string }[] } }>(api.adminToken, 'mutation { createJourney(input: { name: "Shop", stages: [{ name: "Buy" }] }) { stages { id } } }');
    const stage = journey.data!.createJourney.stages[0]!.id;
    const added = await api.gql(api.adminToken, 'mutation($s: ID!) { addTouchpoint(stageId: $s, input: { key: "shop.till", name: "Till", type: INTERACTION, channel: "store", mode: OFFLINE }) { id } }', { s: stage });
    expect(added.errors).toBeUndefined();

    const retry = await api.gql<Retry>(api.adminToken, RETRY, { source: 'pos-export' });
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.retryRejectedEvents).toMatchObject({ retried: 3, accepted: 2, duplicates: 0, remaining: 0 });
    expect(retry.data?.retryRejectedEvents.stillRejected).toEqual([{ id: ids[0], index: 2, externalId: 'pos-3', reason: 'unknown touchpoint key "shop.tlil"' }]);
    const after = await api.gql<Listed>(api.adminToken, LIST, { source: 'pos-export' });
    expect(after.data?.rejectedEvents.nodes.map((n) => [n.externalId, n.retries])).toEqual([['pos-3', 1]]);
    expect(after.data?.rejectedEvents.nodes[0]?.retriedAt).toEqual(expect.any(String));
    const revenue = await api.gql<{ kpi: { value: number; sampleSize: number } }>(api.adminToken, 'query { kpi(metric: REVENUE, scope: {}, window: { from: "2026-10-02T00:00:00Z", to: "2026-10-03T00:00:00Z" }) { value sampleSize } }');
    expect(revenue.data?.kpi.value).toBeGreaterThanOrEqual(24);
  });

  it('refuses ids that are not row ids, an empty id list, a cursor it did not return, and an unknown sync run', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ids: ['abc'] }, 'ids: "abc" is not the id of a kept row; use the ids rejectedEvents returns.'],
      [{ ids: [] }, 'ids is empty; leave it out to retry every row of the filter.'],
      [{ after: 'not-a-cursor' }, 'after is not a cursor retryRejectedEvents returned; pass its endCursor.'],
    ];
    for (const [variables, message] of cases) {
      const result = await api.gql(api.adminToken, RETRY, variables);
      expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
    const unknown = await api.gql(api.adminToken, RETRY, { syncRunId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
