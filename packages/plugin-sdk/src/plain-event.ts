import { z } from 'zod';
import { EVENT_KINDS } from './contract.js';
import type { EventKind, NormalizedEvent } from './contract.js';

// Fast acceptance of the common, plainly valid event without running the zod schema: the host
// validates every event a plugin yields, and at ingest volumes the schema was a double-digit share
// of the pipeline. Accepts a strict subset of what normalizedEventSchema accepts (the same ISO
// date-time regex, taken from zod) and returns what validateEvent would; anything else (attributes,
// unknown keys, wrong types, out-of-range values) returns null and goes through the schema, which
// also words the reasons. plain-event.unit.test.ts checks the two agree on generated inputs.

const DATETIME = z.core.regexes.datetime({ offset: true });
const REF = /^[a-z][a-z0-9_-]*:\S.*$/;
const KINDS: ReadonlySet<string> = new Set(EVENT_KINDS);
const KEYS: ReadonlySet<string> = new Set(['externalId', 'touchpointKey', 'customerRef', 'linkedRefs', 'occurredAt', 'kind', 'value', 'csat', 'nps', 'ces', 'sentiment', 'text', 'attributes']);

type Fields = Readonly<Record<string, unknown>>;

const isRecord = (input: unknown): input is Fields => typeof input === 'object' && input !== null && !Array.isArray(input);
const isKind = (value: unknown): value is EventKind => typeof value === 'string' && KINDS.has(value);
const isString = (min: number, max: number) => (value: unknown): value is string => typeof value === 'string' && value.length >= min && value.length <= max;
const isRef = (value: unknown): value is string => typeof value === 'string' && value.length <= 512 && REF.test(value);
const isInt = (lo: number, hi: number) => (value: unknown): value is number => Number.isInteger(value) && Number(value) >= lo && Number(value) <= hi;
const isNumber = (lo: number, hi: number) => (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= lo && value <= hi;
const isRefs = (value: unknown): value is string[] => Array.isArray(value) && value.length <= 50 && value.every(isRef);

const OPTIONAL = Object.entries({
  linkedRefs: isRefs,
  value: isNumber(-Infinity, Infinity),
  csat: isInt(1, 5),
  nps: isInt(0, 10),
  ces: isInt(1, 7),
  sentiment: isNumber(-1, 1),
  text: isString(0, 20_000),
});

const isExternalId = isString(1, 512);
const isTouchpointKey = isString(1, 200);

function required(e: Fields): NormalizedEvent | null {
  const { externalId, touchpointKey, customerRef, occurredAt, kind } = e;
  if (!isExternalId(externalId) || !isTouchpointKey(touchpointKey) || !isRef(customerRef) || !isKind(kind)) return null;
  if (typeof occurredAt !== 'string' || !DATETIME.test(occurredAt)) return null;
  return { externalId, touchpointKey, customerRef, occurredAt, kind };
}

/** validateEvent's event for a plainly valid input, or null when the schema must decide. */
export function acceptPlainEvent(input: unknown): NormalizedEvent | null {
  // Attributes are copied by the schema's record(): any value is left to it.
  if (!isRecord(input) || input['attributes'] !== undefined || !Object.keys(input).every((key) => KEYS.has(key))) return null;
  const event = required(input);
  if (event === null) return null;
  for (const [key, check] of OPTIONAL) {
    const value = input[key];
    if (value === undefined) continue;
    if (!check(value)) return null;
    Reflect.set(event, key, Array.isArray(value) ? [...value] : value);
  }
  return event;
}
