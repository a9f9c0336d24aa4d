import type { Bucket, TimeWindow } from '$lib/graphql/types.js';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Dashboard filters, kept in the URL so a view can be shared and survives reload.
export interface Filters {
  from: string; // YYYY-MM-DD, inclusive
  to: string; // YYYY-MM-DD, inclusive (the API window ends the next midnight)
  journeyId: string | null;
  channel: string | null;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function defaultFilters(now: number): Filters {
  return { from: isoDate(now - 89 * DAY_MS), to: isoDate(now), journeyId: null, channel: null };
}

function validDate(value: string | null): value is string {
  return value !== null && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function parseFilters(params: URLSearchParams, now: number): Filters {
  const base = defaultFilters(now);
  const from = params.get('from');
  const to = params.get('to');
  const range = validDate(from) && validDate(to) && from <= to ? { from, to } : { from: base.from, to: base.to };
  return { ...range, journeyId: params.get('journey') || null, channel: params.get('channel') || null };
}

export function filtersToQuery(filters: Filters): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.journeyId) params.set('journey', filters.journeyId);
  if (filters.channel) params.set('channel', filters.channel);
  return params.toString();
}

export function windowOf(filters: Pick<Filters, 'from' | 'to'>): TimeWindow {
  const from = Date.parse(`${filters.from}T00:00:00Z`);
  const to = Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

// The window of equal length just before, for "trend vs previous period".
export function previousWindow(window: TimeWindow): TimeWindow {
  const from = Date.parse(window.from);
  const length = Date.parse(window.to) - from;
  return { from: new Date(from - length).toISOString(), to: new Date(from).toISOString() };
}

export function bucketFor(window: TimeWindow): Bucket {
  const days = (Date.parse(window.to) - Date.parse(window.from)) / DAY_MS;
  if (days <= 31) return 'DAY';
  if (days <= 200) return 'WEEK';
  return 'MONTH';
}
