import { z } from 'zod';
import { EVENT_KINDS } from './contract.js';
import type { NormalizedEvent } from './contract.js';
import { acceptPlainEvent } from './plain-event.js';

/** Identity reference `<kind>:<value>`, e.g. `email:ana@example.com` or `crm:hubspot:123`. */
export const customerRefSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*:\S.*$/, 'must look like "<kind>:<value>", e.g. "email:ana@example.com"')
  .max(512);

/**
 * Runtime schema of {@link NormalizedEvent}: the host validates every event a plugin yields with
 * it, and the test kit checks every event of a contract run against it. Unknown fields are
 * rejected so that typos (`occured_at`) surface instead of being dropped.
 */
export const normalizedEventSchema = z.strictObject({
  externalId: z.string().min(1).max(512),
  touchpointKey: z.string().min(1).max(200),
  customerRef: customerRefSchema,
  linkedRefs: z.array(customerRefSchema).max(50).optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  kind: z.enum(EVENT_KINDS),
  value: z.number().finite().optional(),
  csat: z.number().int().min(1).max(5).optional(),
  nps: z.number().int().min(0).max(10).optional(),
  ces: z.number().int().min(1).max(7).optional(),
  sentiment: z.number().min(-1).max(1).optional(),
  text: z.string().max(20_000).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});

/** Result of {@link validateEvent}. */
export type EventValidation =
  | { ok: true; event: NormalizedEvent }
  | { ok: false; reason: string };

/**
 * Validates one event against {@link normalizedEventSchema}.
 *
 * @returns the event, or a readable reason such as `nps: Too big: expected number to be <=10`.
 */
export function validateEvent(input: unknown): EventValidation {
  const plain = acceptPlainEvent(input);
  if (plain !== null) return { ok: true, event: plain };
  const result = normalizedEventSchema.safeParse(input);
  if (result.success) return { ok: true, event: toNormalizedEvent(result.data) };
  return { ok: false, reason: formatIssues(result.error.issues) };
}

/** Formats zod issues as `path: message; path: message`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}

// zod marks optional fields `T | undefined`; the contract (exactOptionalPropertyTypes) omits them.
function toNormalizedEvent(parsed: z.output<typeof normalizedEventSchema>): NormalizedEvent {
  const event: NormalizedEvent = {
    externalId: parsed.externalId,
    touchpointKey: parsed.touchpointKey,
    customerRef: parsed.customerRef,
    occurredAt: parsed.occurredAt,
    kind: parsed.kind,
  };
  if (parsed.linkedRefs !== undefined) event.linkedRefs = parsed.linkedRefs;
  if (parsed.value !== undefined) event.value = parsed.value;
  if (parsed.csat !== undefined) event.csat = parsed.csat;
  if (parsed.nps !== undefined) event.nps = parsed.nps;
  if (parsed.ces !== undefined) event.ces = parsed.ces;
  if (parsed.sentiment !== undefined) event.sentiment = parsed.sentiment;
  if (parsed.text !== undefined) event.text = parsed.text;
  if (parsed.attributes !== undefined) event.attributes = parsed.attributes;
  return event;
}
