import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness, GraphqlResponse } from '../../test-support/api-harness.js';
import { JOURNEY_INPUT } from '../../test-support/fixtures.js';

const FLAG = '{ workspace { id conversionPreaggregation } }';
const SET = 'mutation($enabled: Boolean!) { setConversionPreaggregation(enabled: $enabled) { id conversionPreaggregation } }';
const KPI = 'query($s: KpiScope!, $w: TimeWindow!) { kpi(metric: CONVERSION_RATE, scope: $s, window: $w) { value sampleSize } }';
// UTC midnights in the middle of the data: customers active before the window must be counted from
// their first event inside it, which the pre-aggregate answers from prev_day.
const WINDOW = { from: '2026-10-04T00:00:00Z', to: '2026-10-19T00:00:00Z' };

// Customers visiting both touchpoints over three weeks; some buy, within 30 days or later.
function events(offset: number, count: number) {
  return Array.from({ length: count }, (_, n) => {
    const i = offset + n;
    const buys = i % 7 === 3;
    return {
      source: 'conversion-test',
      externalId: `conv-${i}`,
      touchpointKey: i % 2 === 0 ? 'alpha.ad' : 'alpha.booking',
      customerRef: `email:shopper${i % 13}@example.com`,
      occurredAt: new Date(Date.UTC(2026, 9, 1) + i * 7 * 3_600_000 + (i % 5) * 60_000).toISOString(),
      kind: buys ? 'PURCHASE' : 'VIEW',
      value: buys ? 120 : null,
    };
  });
}

const codes = (result: GraphqlResponse): (string | undefined)[] => (result.errors ?? []).map((e) => e.extensions?.code);

describe('conversion-rate pre-aggregation setting', () => {
  let api: ApiHarness;
  let scopes: Record<string, unknown>[];

  const ok = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const result = await api.gql<T>(token, query, variables);
    if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const flag = async (token: string): Promise<boolean> => (await ok<{ workspace: { conversionPreaggregation: boolean } }>(token, FLAG)).workspace.conversionPreaggregation;
  const set = async (token: string, enabled: boolean): Promise<boolean> =>
    (await ok<{ setConversionPreaggregation: { conversionPreaggregation: boolean } }>(token, SET, { enabled })).setConversionPreaggregation.conversionPreaggregation;
  const tiles = (): Promise<unknown[]> => Promise.all(scopes.map(async (s) => (await ok<{ kpi: unknown }>(api.adminToken, KPI, { s, w: WINDOW })).kpi));
  const keptDays = async (workspaceId: string): Promise<number> =>
    Number((await api.test.db.query<{ n: string }>('SELECT count(*)::text AS n FROM kpi_conversion_days WHERE workspace_id = $1::uuid', [workspaceId]))[0]?.n);
  const ingest = (token: string, batch: unknown[]) => ok(token, 'mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted } }', { e: batch });

  beforeAll(async () => {
    api = await startHarness();
    const { createJourney } = await ok<{ createJourney: { id: string; stages: { id: string; touchpoints: { id: string }[] }[] } }>(
      api.adminToken, 'mutation($input: JourneyInput!) { createJourney(input: $input) { id stages { id touchpoints { id } } } }', { input: JOURNEY_INPUT });
    await ingest(api.adminToken, events(0, 60));
    const [awareness, purchase] = createJourney.stages;
    scopes = [{}, { journeyId: createJourney.id }, { stageId: awareness!.id }, { touchpointId: purchase!.touchpoints[0]!.id }, { channel: 'web' }];
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('is off by default; an ADMIN turns it on and off and reads it back', async () => {
    expect(await flag(api.adminToken)).toBe(false);
    expect(await set(api.adminToken, true)).toBe(true);
    expect(await flag(api.adminToken)).toBe(true);
    expect(await keptDays(api.workspaceId)).toBeGreaterThan(0);
    // Asking again for the current state is fine (and does not derive the table again).
    expect(await set(api.adminToken, true)).toBe(true);
    expect(await set(api.adminToken, false)).toBe(false);
    expect(await flag(api.adminToken)).toBe(false);
    expect(await keptDays(api.workspaceId)).toBe(0);
    const log = await ok<{ auditLog: { nodes: { action: string; details: unknown }[] } }>(api.adminToken, '{ auditLog(first: 3) { nodes { action details } } }');
    expect(log.auditLog.nodes[0]).toEqual({ action: 'workspace.conversion-preaggregation', details: { enabled: false } });
  });

  it('refuses EXECUTIVE, ANALYST and PARTNER with FORBIDDEN and leaves the setting as it was', async () => {
    for (const role of ['EXECUTIVE', 'ANALYST', 'PARTNER'] as const) {
      const token = await api.token(role);
      const result = await api.gql(token, SET, { enabled: true });
      expect(codes(result), role).toEqual(['FORBIDDEN']);
      expect(result.data ?? null).toBeNull();
      expect(await flag(token)).toBe(false);
    }
  });

  it('is per workspace: enabling one does not show as enabled in another', async () => {
    const other = await api.otherWorkspace();
    await set(api.adminToken, true);
    expect(await flag(other.adminToken)).toBe(false);
    await set(other.adminToken, true);
    await set(api.adminToken, false);
    expect(await flag(api.adminToken)).toBe(false);
    expect(await flag(other.adminToken)).toBe(true);
    await set(other.adminToken, false);
  });

  it('answers the conversion tile over a UTC-midnight window exactly as before enabling, also after later batches', async () => {
    const before = await tiles();
    expect(before.some((tile) => (tile as { sampleSize: number }).sampleSize > 0)).toBe(true);
    await set(api.adminToken, true);
    expect(await keptDays(api.workspaceId)).toBeGreaterThan(0);
    expect(await tiles()).toEqual(before);

    // Kept by the ingest trigger from now on: the same answer as the per-customer SQL once it is off again.
    await ingest(api.adminToken, events(60, 30));
    const kept = await tiles();
    await set(api.adminToken, false);
    expect(await tiles()).toEqual(kept);
  });
});
