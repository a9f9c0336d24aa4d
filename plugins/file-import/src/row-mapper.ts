import { createHash } from 'node:crypto';
import { EVENT_KINDS, validateEvent } from '@waymark/plugin-sdk';
import type { EventKind, NormalizedEvent } from '@waymark/plugin-sdk';
import type { FieldMapping, FileImportConfig } from './config.js';

/** A row's values by column name (CSV) or key (NDJSON), before mapping. */
export type RowValues = Readonly<Record<string, unknown>>;

export type MappedRow = { ok: true; event: NormalizedEvent } | { ok: false; reason: string; externalId?: string };

const NUMERIC_FIELDS = ['value', 'csat', 'nps', 'ces', 'sentiment'] as const;
const INTEGER_FIELDS: ReadonlySet<string> = new Set(['csat', 'nps', 'ces']);

/** Columns the mapping reads, so the others can become attributes. */
export function mappedColumns(mapping: FieldMapping): Set<string> {
  return new Set(Object.values(mapping).filter((column): column is string => typeof column === 'string'));
}

/**
 * Turns one row into a {@link NormalizedEvent}, or a reason naming the field at fault.
 * `rawBytes` feeds the generated external id when no id column is mapped.
 */
export function mapRow(values: RowValues, config: FileImportConfig, mapped: ReadonlySet<string>, rawBytes: Buffer): MappedRow {
  const { mapping } = config;
  const externalId = text(values, mapping.externalId) ?? `${config.source}:${createHash('sha256').update(rawBytes).digest('hex').slice(0, 32)}`;
  const problems: string[] = [];
  const event: Partial<NormalizedEvent> & { externalId: string } = { externalId };
  const touchpointKey = text(values, mapping.touchpointKey) ?? config.touchpointKey;
  if (touchpointKey !== undefined) event.touchpointKey = touchpointKey;
  else problems.push(`touchpointKey: column "${mapping.touchpointKey ?? ''}" is empty and no default is set`);
  const customer = customerRef(text(values, mapping.customerRef), config.customerRefKind);
  if (customer !== undefined) event.customerRef = customer;
  else problems.push(`customerRef: column "${mapping.customerRef}" is empty`);
  const linked = (text(values, mapping.linkedRefs) ?? '').split(';').map((ref) => ref.trim()).filter((ref) => ref !== '');
  if (linked.length > 0) event.linkedRefs = linked.map((ref) => customerRef(ref, config.customerRefKind) ?? ref);
  const occurredAt = timestamp(text(values, mapping.occurredAt));
  if (occurredAt.ok) event.occurredAt = occurredAt.iso;
  else problems.push(`occurredAt: ${occurredAt.reason}`);
  const kind = eventKind(text(values, mapping.kind), config.kind);
  if (kind.ok) event.kind = kind.kind;
  else problems.push(`kind: ${kind.reason}`);
  for (const field of NUMERIC_FIELDS) {
    const parsed = number(text(values, mapping[field]), INTEGER_FIELDS.has(field));
    if (parsed === undefined) continue;
    if (typeof parsed === 'string') problems.push(`${field}: ${parsed}`);
    else event[field] = parsed;
  }
  const body = text(values, mapping.text);
  if (body !== undefined) event.text = body;
  if (config.extraColumns === 'attributes') {
    const attributes = extraAttributes(values, mapped);
    if (attributes) event.attributes = attributes;
  }
  if (problems.length > 0) return { ok: false, reason: problems.join('; '), externalId };
  const checked = validateEvent(event);
  return checked.ok ? { ok: true, event: checked.event } : { ok: false, reason: checked.reason, externalId };
}

function text(values: RowValues, column: string | undefined): string | undefined {
  if (column === undefined) return undefined;
  const value = lookup(values, column);
  if (value === undefined || value === null) return undefined;
  const asText = typeof value === 'string' ? value.trim() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return asText === '' ? undefined : asText;
}

// NDJSON rows may nest: "customer.email" reads values.customer.email when no such flat key exists.
function lookup(values: RowValues, column: string): unknown {
  if (column in values) return values[column];
  let current: unknown = values;
  for (const part of column.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Reflect.get(current, part);
  }
  return current;
}

function customerRef(value: string | undefined, defaultKind: string): string | undefined {
  if (value === undefined) return undefined;
  const ref = /^[a-z][a-z0-9_-]*:\S/.test(value) ? value : `${defaultKind}:${value}`;
  return ref.startsWith('email:') ? ref.toLowerCase() : ref;
}

type Parsed<T> = ({ ok: true } & T) | { ok: false; reason: string };

function timestamp(value: string | undefined): Parsed<{ iso: string }> {
  if (value === undefined) return { ok: false, reason: 'is empty' };
  let millis: number;
  if (/^\d+(\.\d+)?$/.test(value)) {
    const epoch = Number(value);
    millis = epoch > 1e11 ? epoch : epoch * 1000;
  } else if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    // Timestamps without an offset are read as UTC, so imports do not depend on the worker's zone.
    const normalised = value.replace(' ', 'T');
    millis = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(normalised) || normalised.length === 10 ? normalised : `${normalised}Z`);
  } else {
    return { ok: false, reason: `"${value}" is not an ISO-8601 date/time or epoch number` };
  }
  if (Number.isNaN(millis)) return { ok: false, reason: `"${value}" is not a valid date` };
  return { ok: true, iso: new Date(millis).toISOString() };
}

function eventKind(value: string | undefined, fallback: EventKind | undefined): Parsed<{ kind: EventKind }> {
  if (value === undefined) return fallback === undefined ? { ok: false, reason: 'is empty and no default is set' } : { ok: true, kind: fallback };
  const upper = value.toUpperCase();
  const kind = EVENT_KINDS.find((known) => known === upper);
  return kind ? { ok: true, kind } : { ok: false, reason: `"${value}" is not one of ${EVENT_KINDS.join(', ')}` };
}

function number(value: string | undefined, integer: boolean): number | string | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value.replace(',', '.'));
  if (!Number.isFinite(parsed)) return `"${value}" is not a number`;
  if (integer && !Number.isInteger(parsed)) return `"${value}" is not a whole number`;
  return parsed;
}

function extraAttributes(values: RowValues, mapped: ReadonlySet<string>): Record<string, unknown> | undefined {
  const extra = Object.entries(values).filter(([key, value]) => !mapped.has(key) && value !== '' && value !== null && value !== undefined);
  return extra.length > 0 ? Object.fromEntries(extra) : undefined;
}
