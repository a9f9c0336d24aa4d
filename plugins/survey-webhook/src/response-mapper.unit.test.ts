import { describe, expect, it } from 'vitest';
import { surveyConfigSchema } from './config.js';
import { mapFormResponse } from './response-mapper.js';
import { fixtureBytes, TEST_CONFIG } from './test-support/fixtures.js';
import { webhookPayloadSchema } from './typeform-payload.js';
import type { TypeformResponse } from './typeform-payload.js';

const config = surveyConfigSchema.parse(TEST_CONFIG);

async function response(name: string): Promise<TypeformResponse> {
  const body: unknown = JSON.parse(new TextDecoder().decode(await fixtureBytes(name)));
  return webhookPayloadSchema.parse(body).form_response;
}

describe('mapFormResponse', () => {
  it('maps the NPS and CSAT questions, hidden e-mail and touchpoint into one SURVEY event keyed by the token', async () => {
    const mapped = mapFormResponse(await response('typeform-nps-csat.json'), config);
    expect(mapped).toEqual({
      ok: true,
      event: {
        externalId: 'typeform:lT4Z3j:a3a12ec67a1365927098a606107fac15',
        touchpointKey: 'front-desk-checkout',
        customerRef: 'email:ana.silva@example.com',
        occurredAt: '2026-03-02T09:14:05Z',
        kind: 'SURVEY',
        nps: 9,
        csat: 4,
        text: 'Quick check-out, but the bill had a wrong minibar charge.',
        attributes: { formId: 'lT4Z3j', responseToken: 'a3a12ec67a1365927098a606107fac15', source: 'typeform' },
      },
    });
  });

  it('falls back to the default touchpoint and an anonymous respondent ref without hidden fields', async () => {
    const mapped = mapFormResponse(await response('typeform-anonymous-nps.json'), config);
    if (!mapped.ok) throw new Error(mapped.rejected.reason);
    expect(mapped.event.touchpointKey).toBe('post-stay-survey');
    expect(mapped.event.customerRef).toBe('survey:typeform:f0c1e5d2b9a8476e9d3c2b1a0f9e8d7c');
    expect(mapped.event.nps).toBe(3);
    expect(mapped.event.csat).toBeUndefined();
  });

  it('matches questions by field id as well as by ref', async () => {
    const byId = surveyConfigSchema.parse({ ...TEST_CONFIG, npsRefs: ['Nq7kp9PdFgH2'], csatRefs: [] });
    const mapped = mapFormResponse(await response('typeform-nps-csat.json'), byId);
    expect(mapped.ok && mapped.event.nps).toBe(9);
  });

  it('rejects a CSAT answer outside 1–5 with a reason naming the question', async () => {
    const base = await response('typeform-nps-csat.json');
    const answers = base.answers.map((answer) => (answer.field.ref === 'csat_checkout' ? { ...answer, number: 9 } : answer));
    const mapped = mapFormResponse({ ...base, answers }, config);
    expect(mapped.ok).toBe(false);
    if (!mapped.ok) expect(mapped.rejected.reason).toContain('csat question "csat_checkout" must be answered with an integer 1–5, got 9');
  });

  it('rejects a response that answers none of the configured questions', async () => {
    const base = await response('typeform-nps-csat.json');
    const mapped = mapFormResponse({ ...base, answers: [] }, config);
    expect(mapped).toMatchObject({ ok: false, rejected: { externalId: 'typeform:lT4Z3j:a3a12ec67a1365927098a606107fac15' } });
  });

  it('requires at least one mapped score question in the config', () => {
    const result = surveyConfigSchema.safeParse({ defaultTouchpointKey: 'x' });
    expect(result.success).toBe(false);
  });
});
