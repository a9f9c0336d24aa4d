import type { InitiativePatch } from '$lib/graphql/mutations.js';

export type InitiativeForm = { ok: true; values: InitiativePatch } | { ok: false; error: string };

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

// A date input's day, as the start of that day in UTC (initiative dates are days).
const day = (value: string): string => new Date(`${value}T00:00:00Z`).toISOString();

// The create and edit forms' fields as one initiative; the API validates the rest (end after start).
export function readInitiativeForm(form: FormData): InitiativeForm {
  const name = text(form, 'name');
  const startDate = text(form, 'startDate');
  const endDate = text(form, 'endDate');
  const cost = Number(text(form, 'cost'));
  const touchpointIds = [...new Set(form.getAll('touchpointIds').filter((v): v is string => typeof v === 'string' && v !== ''))];
  if (!name || !startDate || touchpointIds.length === 0) return { ok: false, error: 'Name, start date and at least one touchpoint are needed.' };
  if (text(form, 'cost') === '' || !Number.isFinite(cost) || cost <= 0) return { ok: false, error: 'Cost must be a positive amount.' };
  const description = text(form, 'description');
  return { ok: true, values: { name, description: description || null, touchpointIds, startDate: day(startDate), endDate: endDate ? day(endDate) : null, cost } };
}
