import type { CrmRecord } from './hubspot-fixtures.js';

export interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string;
}
export interface SearchBody {
  filterGroups?: { filters: SearchFilter[] }[];
  sorts?: unknown[];
  properties?: string[];
  limit?: number;
  after?: string | number;
}

const DATETIME = new Set(['lastmodifieddate', 'hs_lastmodifieddate', 'createdate', 'hs_timestamp', 'closedate']);

// Datetime properties compare as epoch ms (filters send ms, records hold ISO strings); ids as numbers.
function numeric(property: string, value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (DATETIME.has(property) && !/^\d+$/.test(value)) return Date.parse(value);
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function matches(record: CrmRecord, filter: SearchFilter): boolean {
  const actual = numeric(filter.propertyName, filter.propertyName === 'hs_object_id' ? record.id : record.properties[filter.propertyName]);
  const expected = numeric(filter.propertyName, filter.value);
  if (filter.operator === 'HAS_PROPERTY') return actual !== undefined;
  if (actual === undefined || expected === undefined) return false;
  switch (filter.operator) {
    case 'EQ': return actual === expected;
    case 'GT': return actual > expected;
    case 'GTE': return actual >= expected;
    case 'LT': return actual < expected;
    case 'LTE': return actual <= expected;
    default: throw new Error(`fake HubSpot does not support operator ${filter.operator}`);
  }
}

/** filterGroups are ORed, filters inside a group ANDed (HubSpot's semantics). */
export function filterRecords(records: readonly CrmRecord[], groups: readonly { filters: SearchFilter[] }[]): CrmRecord[] {
  if (groups.length === 0) return [...records];
  return records.filter((record) => groups.some((group) => group.filters.every((filter) => matches(record, filter))));
}

/** One sort rule (object form, or a property name string); ties and the default order by id. */
export function sortRecords(records: readonly CrmRecord[], sort: unknown): CrmRecord[] {
  const property = typeof sort === 'string' ? sort.replace(/^-/, '') : typeof sort === 'object' && sort !== null ? String(Reflect.get(sort, 'propertyName')) : 'hs_object_id';
  const descending = (typeof sort === 'string' && sort.startsWith('-')) || (typeof sort === 'object' && sort !== null && Reflect.get(sort, 'direction') === 'DESCENDING');
  const key = (record: CrmRecord) => numeric(property, property === 'hs_object_id' ? record.id : record.properties[property]) ?? 0;
  return [...records].sort((a, b) => (descending ? key(b) - key(a) : key(a) - key(b)) || Number(a.id) - Number(b.id));
}

/** The record with only the requested properties (plus the ones HubSpot always returns). */
export function project(record: CrmRecord, type: string, properties: readonly string[]): CrmRecord {
  const always = ['hs_object_id', 'createdate', type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate'];
  const keep = new Set([...always, ...properties]);
  const picked = Object.fromEntries(Object.entries(record.properties).filter(([key]) => keep.has(key)));
  for (const name of properties) if (!(name in picked)) picked[name] = null;
  return { ...record, properties: picked };
}
