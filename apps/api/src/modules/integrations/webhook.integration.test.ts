import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';

describe('POST /webhooks/:integrationId', () => {
  let api: ApiHarness;
  let integrationId: string;
  beforeAll(async () => {
    api = await startHarness({ WAYMARK_SECRETS_KEY: Buffer.alloc(32, 9).toString('base64') });
    const configured = await api.gql<{ configureIntegration: { id: string } }>(api.adminToken,
      'mutation($input: IntegrationInput!) { configureIntegration(input: $input) { id secretKeys } }',
      { input: { pluginId: 'survey-webhook', name: 'Survey', config: { defaultTouchpointKey: 'front-desk-checkout', npsRefs: ['nps_recommend'], csatRefs: ['csat_checkout'] }, secrets: { webhookSecret: 's3cret' } } });
    expect(configured.errors).toBeUndefined();
    integrationId = configured.data!.configureIntegration.id;
    const journey = await api.gql(api.adminToken, `mutation { createJourney(input: { name: "Stay", stages: [{ name: "Retention", touchpoints: [
      { key: "front-desk-checkout", name: "Check-out", type: INTERACTION, channel: "front_desk", mode: OFFLINE }] }] }) { id } }`);
    expect(journey.errors).toBeUndefined();
  });

  // A real Typeform-style delivery, recorded by the survey plugin, signed like Typeform signs it.
  const delivery = readFileSync(fileURLToPath(new URL('../../../../../plugins/survey-webhook/fixtures/typeform-nps-csat.json', import.meta.url)));
  const signature = `sha256=${createHmac('sha256', 's3cret').update(delivery).digest('base64')}`;

  it('verifies a signed delivery with the plugin and ingests its events once', async () => {
    const post = () => fetch(`${api.url}/webhooks/${integrationId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'typeform-signature': signature }, body: delivery });
    const first = await post();
    expect(first.status).toBe(202);
    const answer = await first.json();
    expect(answer.accepted).toBeGreaterThan(0);
    expect(answer.rejected).toEqual([]);
    const again = await (await post()).json();
    expect(again).toMatchObject({ accepted: 0, duplicates: answer.accepted });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('keeps a response the plugin refuses for review, once however often it is delivered', async () => {
    const parsed = JSON.parse(delivery.toString('utf8'));
    const answers = parsed.form_response.answers.map((a: { field: { ref: string } }) => (a.field.ref === 'csat_checkout' ? { ...a, number: 9 } : a));
    const body = JSON.stringify({ ...parsed, event_id: 'refused-1', form_response: { ...parsed.form_response, token: 'refused-token', answers } });
    const headers = { 'content-type': 'application/json', 'typeform-signature': `sha256=${createHmac('sha256', 's3cret').update(body).digest('base64')}` };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const answer = await (await fetch(`${api.url}/webhooks/${integrationId}`, { method: 'POST', headers, body })).json();
      expect(answer).toMatchObject({ accepted: 0, rejected: [{ reason: expect.stringContaining('got 9') }] });
    }
    const listed = await api.gql<{ rejectedEvents: { totalCount: number; nodes: { externalId: string; reason: string }[] } }>(api.adminToken,
      '{ rejectedEvents(source: "survey-webhook") { totalCount nodes { externalId reason } } }');
    expect(listed.data?.rejectedEvents.totalCount).toBe(1);
    expect(listed.data?.rejectedEvents.nodes[0]).toEqual({ externalId: 'typeform:lT4Z3j:refused-token', reason: expect.stringContaining('csat question "csat_checkout" must be answered with an integer 1–5, got 9') });
  });

  it('refuses a delivery whose signature does not verify, and unknown integrations', async () => {
    const body = JSON.stringify({ event_id: 'x' });
    const unsigned = await fetch(`${api.url}/webhooks/${integrationId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'typeform-signature': 'sha256=bad' }, body });
    expect(unsigned.status).toBe(401);
    const unknown = await fetch(`${api.url}/webhooks/00000000-0000-4000-8000-000000000000`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unknown.status).toBe(404);
  });

  it('answers liveness and readiness over plain HTTP', async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const ready = await fetch(`${api.url}/ready`);
    // Temporal is deliberately unreachable in this harness: not ready, and the body says why.
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ database: 'ok', temporal: expect.stringContaining('unreachable') });
  });

  it('keeps the stored secret write-only', async () => {
    const list = await api.gql<{ integrations: { secretKeys: string[]; config: unknown }[] }>(api.adminToken, '{ integrations { secretKeys config } }');
    expect(JSON.stringify(list.data)).not.toContain('s3cret');
    expect(list.data!.integrations[0]!.secretKeys).toEqual(['webhookSecret']);
  });
});
