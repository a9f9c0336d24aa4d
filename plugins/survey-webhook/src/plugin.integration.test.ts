import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginContext, createPluginLogger } from '@waymark/plugin-sdk';
import { expectPluginContract } from '@waymark/plugin-sdk/testkit';
import { plugin } from './plugin.js';
import { typeformSignature } from './signature.js';
import { fixtureBytes, TEST_CONFIG } from './test-support/fixtures.js';
import { startReceiver } from './test-support/receiver.js';
import type { Receiver } from './test-support/receiver.js';

const SECRET = 'whsec-7f3a9c1e5b2d4068';
const logLines: string[] = [];
let receiver: Receiver;

beforeAll(async () => {
  const ctx = createPluginContext({
    config: plugin.assertConfig(TEST_CONFIG),
    secrets: { webhookSecret: SECRET },
    logger: createPluginLogger({ secrets: [SECRET], sink: (line) => logLines.push(line) }),
  });
  receiver = await startReceiver(plugin, ctx);
});

afterAll(async () => {
  await receiver.close();
});

async function post(body: Uint8Array, signature: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['Typeform-Signature'] = signature;
  return fetch(receiver.url, { method: 'POST', headers, body });
}

describe('survey-webhook over real HTTP', () => {
  it('accepts a delivery signed with the webhook secret and returns its SURVEY event', async () => {
    const body = await fixtureBytes('typeform-nps-csat.json');
    const response = await post(body, typeformSignature(body, SECRET));
    expect(response.status).toBe(202);
    const result: unknown = await response.json();
    expect(result).toMatchObject({ events: [{ externalId: 'typeform:lT4Z3j:a3a12ec67a1365927098a606107fac15', nps: 9, csat: 4, kind: 'SURVEY' }] });
  });

  it('refuses deliveries with a wrong, missing or stale signature', async () => {
    const body = await fixtureBytes('typeform-nps-csat.json');
    expect((await post(body, typeformSignature(body, 'not-the-secret'))).status).toBe(401);
    expect((await post(body, undefined)).status).toBe(401);
    const tampered = new TextEncoder().encode(new TextDecoder().decode(body).replace('"number": 9', '"number": 10'));
    expect((await post(tampered, typeformSignature(body, SECRET))).status).toBe(401);
    expect(logLines.some((line) => line.includes('wrong signature'))).toBe(true);
    expect(logLines.some((line) => line.includes(SECRET))).toBe(false);
  });

  it('passes the SDK contract check with valid and invalid deliveries', async () => {
    const valid = await Promise.all(['typeform-nps-csat.json', 'typeform-anonymous-nps.json'].map(async (name) => {
      const body = await fixtureBytes(name);
      return { headers: { 'typeform-signature': typeformSignature(body, SECRET) }, rawBody: body };
    }));
    const first = valid[0];
    if (!first) throw new Error('no fixture');
    const report = await expectPluginContract(plugin, {
      config: TEST_CONFIG,
      secrets: { webhookSecret: SECRET },
      webhook: { valid, invalid: [{ headers: { 'typeform-signature': typeformSignature(first.rawBody, 'x-wrong') }, rawBody: first.rawBody }, { headers: {}, rawBody: first.rawBody }] },
    });
    expect(report.ok).toBe(true);
  });
});
