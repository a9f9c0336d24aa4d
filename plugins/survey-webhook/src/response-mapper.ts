import type { NormalizedEvent, RejectedRecord } from '@waymark/plugin-sdk';
import type { SurveyConfig } from './config.js';
import type { TypeformAnswer, TypeformResponse } from './typeform-payload.js';

export type MappedResponse = { ok: true; event: NormalizedEvent } | { ok: false; rejected: RejectedRecord };

interface Scores {
  nps?: number;
  csat?: number;
  ces?: number;
}

const SCALES = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
} as const;

/** Turns one Typeform `form_response` into a SURVEY event; the response token is the external id. */
export function mapFormResponse(response: TypeformResponse, config: SurveyConfig): MappedResponse {
  const externalId = `typeform:${response.form_id}:${response.token}`;
  const scores: Scores = {};
  for (const metric of ['nps', 'csat', 'ces'] as const) {
    const answer = findAnswer(response.answers, refsOf(config, metric));
    if (answer === undefined) continue;
    const value = answer.number;
    const { min, max } = SCALES[metric];
    if (value === undefined || !Number.isInteger(value) || value < min || value > max) {
      const got = value === undefined ? `a ${answer.type} answer` : String(value);
      return reject(externalId, `${metric} question "${answer.field.ref ?? answer.field.id}" must be answered with an integer ${min}–${max}, got ${got}`, response);
    }
    scores[metric] = value;
  }
  if (scores.nps === undefined && scores.csat === undefined && scores.ces === undefined) {
    return reject(externalId, 'the response answers none of the configured NPS/CSAT/CES questions', response);
  }
  const identity = identityOf(response, config);
  const event: NormalizedEvent = {
    externalId,
    touchpointKey: response.hidden[config.touchpointField] ?? config.defaultTouchpointKey,
    customerRef: identity.customerRef,
    occurredAt: response.submitted_at,
    kind: 'SURVEY',
    ...scores,
    attributes: { formId: response.form_id, responseToken: response.token, source: 'typeform' },
  };
  if (identity.linkedRefs.length > 0) event.linkedRefs = identity.linkedRefs;
  const comment = findAnswer(response.answers, config.commentRefs)?.text;
  if (comment !== undefined && comment.trim() !== '') event.text = comment;
  return { ok: true, event };
}

function refsOf(config: SurveyConfig, metric: keyof Scores): readonly string[] {
  if (metric === 'nps') return config.npsRefs;
  return metric === 'csat' ? config.csatRefs : config.cesRefs;
}

// Config refs match the question's `ref` (stable across form edits) or, failing that, its id.
function findAnswer(answers: readonly TypeformAnswer[], refs: readonly string[]): TypeformAnswer | undefined {
  return answers.find((answer) => refs.includes(answer.field.ref ?? '') || refs.includes(answer.field.id));
}

// The hidden e-mail identifies the respondent; an e-mail question answer is linked too.
function identityOf(response: TypeformResponse, config: SurveyConfig): { customerRef: string; linkedRefs: string[] } {
  const emails = [response.hidden[config.emailField], ...response.answers.filter((a) => a.type === 'email').map((a) => a.email)]
    .map((email) => email?.trim().toLowerCase())
    .filter((email): email is string => email !== undefined && email.includes('@'));
  const refs = [...new Set(emails)].map((email) => `email:${email}`);
  const [first, ...rest] = refs;
  if (first === undefined) return { customerRef: `survey:typeform:${response.token}`, linkedRefs: [] };
  return { customerRef: first, linkedRefs: rest };
}

function reject(externalId: string, reason: string, payload: TypeformResponse): MappedResponse {
  return { ok: false, rejected: { externalId, reason, payload } };
}
