import { z } from 'zod';
import { EventKind } from '../generated/prisma/enums.js';
import { acceptPlainEvent } from './plain-event.js';

// The SPEC §5 EventInput, validated at the ingestion boundary with reasons a person can act on.

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value));

function intBetween(name: string, lo: number, hi: number) {
  const error = (issue: { input?: unknown }): string => `${name} must be an integer ${lo}–${hi}, got ${show(issue.input)}`;
  return z.number({ error }).int({ error }).min(lo, { error }).max(hi, { error });
}

function text(name: string, max: number) {
  const error = (issue: { input?: unknown }): string => `${name} must be a non-empty string of at most ${max} characters, got ${show(issue.input)}`;
  return z.string({ error }).trim().min(1, { error }).max(max, { error });
}

const KINDS = Object.values(EventKind);

const occurredAt = z.union([z.string(), z.date()], {
  error: (issue) => `occurredAt must be an ISO-8601 date-time, got ${show(issue.input)}`,
}).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime()) || (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}T/.test(value))) {
    ctx.addIssue({ code: 'custom', message: `occurredAt must be an ISO-8601 date-time, got ${show(value instanceof Date ? 'Invalid Date' : value)}` });
    return z.NEVER;
  }
  return date;
});

export const eventInputSchema = z.object({
  source: text('source', 200),
  externalId: text('externalId', 512),
  touchpointKey: text('touchpointKey', 200),
  customerRef: text('customerRef', 512),
  linkedRefs: z.array(text('linkedRefs[]', 512), { error: (i) => `linkedRefs must be a list of refs, got ${show(i.input)}` }).max(50, { error: 'linkedRefs may hold at most 50 refs' }).nullish(),
  occurredAt,
  kind: z.enum(KINDS, { error: (i) => `kind must be one of ${KINDS.join(', ')}, got ${show(i.input)}` }),
  // zod 4 numbers reject NaN and ±Infinity.
  value: z.number({ error: (i) => `value must be a finite number, got ${show(i.input)}` }).nullish(),
  csat: intBetween('csat', 1, 5).nullish(),
  nps: intBetween('nps', 0, 10).nullish(),
  ces: intBetween('ces', 1, 7).nullish(),
  sentiment: z.number({ error: (i) => `sentiment must be a number between -1 and 1, got ${show(i.input)}` })
    .min(-1, { error: (i) => `sentiment must be a number between -1 and 1, got ${show(i.input)}` })
    .max(1, { error: (i) => `sentiment must be a number between -1 and 1, got ${show(i.input)}` }).nullish(),
  text: z.string({ error: (i) => `text must be a string, got ${show(i.input)}` }).max(20_000, { error: 'text must be at most 20000 characters' }).nullish(),
  attributes: z.record(z.string(), z.unknown(), { error: (i) => `attributes must be a JSON object, got ${show(i.input)}` }).nullish(),
});

export type ValidEvent = z.output<typeof eventInputSchema>;

// What callers send (GraphQL input, parsed file rows, plugin records): checked, not trusted.
export interface EventInput {
  source?: string;
  externalId: string;
  touchpointKey: string;
  customerRef: string;
  linkedRefs?: readonly string[] | null;
  occurredAt: string | Date;
  kind: string;
  value?: number | null;
  csat?: number | null;
  nps?: number | null;
  ces?: number | null;
  sentiment?: number | null;
  text?: string | null;
  attributes?: Record<string, unknown> | null;
}

export type Validated = { ok: true; event: ValidEvent } | { ok: false; reason: string };

export function validateEvent(input: unknown, defaultSource?: string): Validated {
  const withSource = defaultSource !== undefined && typeof input === 'object' && input !== null && !('source' in input && input.source)
    ? { ...input, source: defaultSource }
    : input;
  const plain = acceptPlainEvent(withSource);
  if (plain !== null) return { ok: true, event: plain };
  const parsed = eventInputSchema.safeParse(withSource);
  if (parsed.success) return { ok: true, event: parsed.data };
  if (typeof input !== 'object' || input === null) return { ok: false, reason: `event must be an object, got ${show(input)}` };
  const reasons = parsed.error.issues.map((issue) => (issue.path.length > 0 && !issue.message.startsWith(String(issue.path[0])) ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return { ok: false, reason: [...new Set(reasons)].join('; ') };
}
