import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { ok, type Result } from '$lib/graphql/result.js';
import type { Initiative, Role, Schedule } from '$lib/graphql/types.js';
import Page from './+page.svelte';
import type { ActionData, PageData } from './$types.js';

const bookingEngine = { id: 't1', key: 'resort.booking-engine', name: 'Direct booking engine', channel: 'web' };
const relaunch: Initiative = {
  id: 'i1', name: 'Direct booking engine relaunch', description: null, startDate: '2026-10-18T00:00:00.000Z', endDate: null, cost: 12000, updatedAt: '2026-10-18T00:00:00.000Z',
  touchpoints: [bookingEngine],
  latestEvaluation: { id: 'e1', status: 'COMPLETED', roi: 0.85, incrementalRevenue: 22200, ciLow: 18000, ciHigh: 26500, kpiDeltas: {}, createdAt: '2026-11-20T07:00:00.000Z' },
};
const kiosk: Initiative = {
  id: 'i2', name: 'Lobby kiosks', description: 'Self check-in in the lobby', startDate: '2026-11-02T00:00:00.000Z', endDate: '2027-01-31T00:00:00.000Z', cost: 4000,
  updatedAt: '2026-11-02T00:00:00.000Z', touchpoints: [bookingEngine], latestEvaluation: null,
};
const spa = { ...bookingEngine, id: 't2', key: 'resort.spa', name: 'Spa desk', channel: 'on_site' };
const stage = { id: 's1', name: 'Stay', position: 0 };
const detail = (tp: typeof bookingEngine) => ({ ...tp, type: 'CONTACT' as const, mode: 'ONLINE' as const, ownerTeam: null, monthlyCost: null, facts: {}, stage });
const weekly: Schedule = { kind: 'ROI', targetId: 'i1', cron: '0 7 * * 1', timeZone: 'Europe/Lisbon', nextRuns: ['2026-11-30T07:00:00.000Z'] };

function data(role: Role, schedules: Result<Record<string, Schedule>> = ok({ i1: weekly })): PageData {
  return {
    viewer: { role, workspace: { id: 'w1', name: 'Demo resort' } },
    initiatives: Promise.resolve(ok([relaunch, kiosk])),
    touchpoints: Promise.resolve(ok([detail(bookingEngine), detail(spa)])),
    schedules: Promise.resolve(schedules),
  };
}

async function card(name: string): Promise<HTMLElement> {
  return screen.findByRole('article', { name });
}

describe('initiatives page: ROI schedules', () => {
  it("gives an admin each initiative's ROI schedule on its card, to set, update or remove", async () => {
    render(Page, { data: data('ADMIN'), form: null });
    const relaunchSchedule = within(await card('Direct booking engine relaunch')).getByRole('group', { name: 'ROI evaluation' });
    expect(relaunchSchedule.textContent).toContain('Runs 0 7 * * 1 (Europe/Lisbon), next 30 Nov 2026, 07:00');
    const cron = within(relaunchSchedule).getByRole('textbox', { name: 'Cron' });
    expect(cron).toHaveProperty('value', '0 7 * * 1');
    const form = cron.closest('form');
    expect(form?.getAttribute('action')).toBe('?/setSchedule');
    const hidden = (name: string) => (form?.elements.namedItem(name) as HTMLInputElement | null)?.value;
    expect([hidden('kind'), hidden('targetId'), hidden('timeZone')]).toEqual(['ROI', 'i1', 'Europe/Lisbon']);
    expect(within(relaunchSchedule).getByRole('button', { name: 'Remove schedule' }).getAttribute('formaction')).toBe('?/removeSchedule');

    const kioskSchedule = within(await card('Lobby kiosks')).getByRole('group', { name: 'ROI evaluation' });
    expect(kioskSchedule.textContent).toContain('Not scheduled');
    expect(within(kioskSchedule).getByRole('button', { name: 'Set schedule' })).toBeTruthy();
    expect(within(kioskSchedule).queryByRole('button', { name: 'Remove schedule' })).toBeNull();
  });

  it('shows an executive the schedules as text, without any control', async () => {
    render(Page, { data: data('EXECUTIVE'), form: null });
    expect(within(await card('Direct booking engine relaunch')).getByRole('group', { name: 'ROI evaluation' }).textContent).toContain('Runs 0 7 * * 1');
    expect(within(await card('Lobby kiosks')).getByRole('group', { name: 'ROI evaluation' }).textContent).toContain('Not scheduled');
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
    expect(screen.queryAllByRole('button', { name: /schedule|Evaluate/ })).toHaveLength(0);
  });

  it('shows a refused cron on the card of the initiative it was for only', async () => {
    const form: ActionData = { scheduleResult: { kind: 'ROI', targetId: 'i2', cron: '0 7 * * 8', error: 'Invalid cron "0 7 * * 8": day of week 8 is out of range.' } };
    render(Page, { data: data('ADMIN'), form });
    const kioskSchedule = within(await card('Lobby kiosks')).getByRole('group', { name: 'ROI evaluation' });
    expect(within(kioskSchedule).getByRole('alert').textContent).toBe('Invalid cron "0 7 * * 8": day of week 8 is out of range.');
    expect(within(kioskSchedule).getByRole('textbox', { name: 'Cron' })).toHaveProperty('value', '0 7 * * 8');
    expect(within(await card('Direct booking engine relaunch')).queryByRole('alert')).toBeNull();
  });

  it('keeps the ROI reports when the schedules cannot be read', async () => {
    render(Page, { data: data('ADMIN', { ok: false, error: 'The workflow service is unavailable.', code: 'UNAVAILABLE' }), form: null });
    const relaunchCard = await card('Direct booking engine relaunch');
    expect(relaunchCard.textContent).toContain('95% interval');
    expect(within(relaunchCard).getByRole('alert').textContent).toBe('The workflow service is unavailable.');
    expect(within(relaunchCard).queryByRole('group', { name: 'ROI evaluation' })).toBeNull();
  });
});

describe('initiatives page: KPI change of an ROI report', () => {
  it('names each KPI and gives its change in its own unit', async () => {
    const evaluated = { ...relaunch, latestEvaluation: { ...relaunch.latestEvaluation!, kpiDeltas: { nps: 4.25, csat: null, conversionRate: -0.0123 } } };
    render(Page, { data: { ...data('EXECUTIVE'), initiatives: Promise.resolve(ok([evaluated])) }, form: null });
    const text = (await card('Direct booking engine relaunch')).textContent ?? '';
    expect(text).toContain('KPI change vs the period before: NPS +4.3 pts · CSAT no data · Conversion −1.2 pts');
  });

  it('shows a change smaller than the rounding as none', async () => {
    const evaluated = { ...relaunch, latestEvaluation: { ...relaunch.latestEvaluation!, kpiDeltas: { nps: null, csat: null, conversionRate: -0.0001 } } };
    render(Page, { data: { ...data('EXECUTIVE'), initiatives: Promise.resolve(ok([evaluated])) }, form: null });
    expect((await card('Direct booking engine relaunch')).textContent).toContain('Conversion ±0 pts');
  });
});

describe('initiatives page: editing and deleting an initiative', () => {
  it("gives an admin an edit form holding the initiative's values, and a two-step delete", async () => {
    render(Page, { data: data('ADMIN'), form: null });
    const kioskCard = await card('Lobby kiosks');
    expect(kioskCard.textContent).toContain('2 Nov 2026 – 31 Jan 2027');
    expect(kioskCard.textContent).toContain('Self check-in in the lobby');
    const editor = within(kioskCard).getByRole('form', { name: 'Edit Lobby kiosks' });
    expect(editor.getAttribute('action')).toBe('?/update');
    const value = (name: string) => (editor.querySelector(`[name="${name}"]`) as HTMLInputElement).value;
    expect([value('id'), value('name'), value('startDate'), value('endDate'), value('cost'), value('description')]).toEqual(['i2', 'Lobby kiosks', '2026-11-02', '2027-01-31', '4000', 'Self check-in in the lobby']);
    const selected = [...(editor.querySelector('select') as HTMLSelectElement).selectedOptions].map((o) => o.value);
    expect(selected).toEqual(['t1']);
    const remove = within(kioskCard).getByRole('button', { name: 'Delete Lobby kiosks for good', hidden: true });
    expect(remove.closest('form')?.getAttribute('action')).toBe('?/delete');
  });

  it('shows a refused edit inside the open form of that initiative only', async () => {
    const form: ActionData = { error: 'Invalid input: endDate: endDate must be after startDate', editing: 'i2' };
    render(Page, { data: data('ADMIN'), form });
    const kioskCard = await card('Lobby kiosks');
    expect(within(kioskCard).getByRole('alert').textContent).toBe('Invalid input: endDate: endDate must be after startDate');
    expect(kioskCard.querySelector('details')?.open).toBe(true);
    expect(within(await card('Direct booking engine relaunch')).queryByRole('alert')).toBeNull();
    expect(screen.queryAllByRole('alert')).toHaveLength(1);
  });

  it('says when a report predates the last edit', async () => {
    const edited = { ...relaunch, updatedAt: '2026-11-25T09:00:00.000Z' };
    render(Page, { data: { ...data('EXECUTIVE'), initiatives: Promise.resolve(ok([edited, kiosk])) }, form: null });
    expect(within(await card('Direct booking engine relaunch')).getByRole('note').textContent).toContain('Changed since this report');
    expect(within(await card('Lobby kiosks')).queryByRole('note')).toBeNull();
  });

  it('gives an executive neither edit nor delete', async () => {
    render(Page, { data: data('EXECUTIVE'), form: null });
    await card('Lobby kiosks');
    expect(screen.queryAllByRole('form', { name: /^Edit / })).toHaveLength(0);
    expect(screen.queryAllByText(/^(Edit|Delete)…$/)).toHaveLength(0);
  });
});
