import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';
import { JOURNEY_INPUT } from '../../test-support/fixtures.js';

const SET = 'mutation($input: ThresholdInput!) { setThreshold(input: $input) { id metric direction value } }';
const LIST = 'query($touchpointId: ID) { thresholds(touchpointId: $touchpointId) { metric direction value windowDays minSample } }';

describe('KPI thresholds', () => {
  let api: ApiHarness;
  let touchpointId: string;

  beforeAll(async () => {
    api = await startHarness();
    const created = await api.gql<{ createJourney: { stages: { touchpoints: { id: string }[] }[] } }>(api.adminToken,
      'mutation($input: JourneyInput!) { createJourney(input: $input) { stages { touchpoints { id } } } }', { input: JOURNEY_INPUT });
    touchpointId = created.data!.createJourney.stages[0]!.touchpoints[0]!.id;
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('refuses a value the KPI can never take, naming its range, and saves nothing', async () => {
    const csat = await api.gql(api.adminToken, SET, { input: { touchpointId, metric: 'CSAT', value: 150 } });
    expect(csat.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
    expect(csat.errors?.[0]?.message).toBe('The threshold was not saved: a CSAT threshold must be from 0 to 100 (%), got 150.');
    const conversion = await api.gql(api.adminToken, SET, { input: { touchpointId, metric: 'CONVERSION_RATE', value: 35 } });
    expect(conversion.errors?.[0]?.message).toContain('from 0 to 1 (a share of customers)');
    expect((await api.gql<{ thresholds: unknown[] }>(api.adminToken, LIST, { touchpointId })).data?.thresholds).toEqual([]);
  });

  it('keeps one threshold per touchpoint and metric, with the default window and sample', async () => {
    expect((await api.gql(api.adminToken, SET, { input: { touchpointId, metric: 'NPS', value: -20 } })).errors).toBeUndefined();
    expect((await api.gql(api.adminToken, SET, { input: { touchpointId, metric: 'NPS', direction: 'BELOW', value: 10 } })).errors).toBeUndefined();
    const list = await api.gql<{ thresholds: unknown[] }>(api.adminToken, LIST, { touchpointId });
    expect(list.data?.thresholds).toEqual([{ metric: 'NPS', direction: 'BELOW', value: 10, windowDays: 7, minSample: 10 }]);
  });
});
