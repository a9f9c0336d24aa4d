import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { ok } from '$lib/graphql/result.js';
import type { Alert, Role, Schedule, TouchpointRisk } from '$lib/graphql/types.js';
import Page from './+page.svelte';
import type { ActionData, PageData } from './$types.js';

const touchpoint = (id: string, name: string) => ({ id, key: `resort.${id}`, name, channel: 'phone' });
const risk = (rank: number, name: string, score: number): TouchpointRisk => ({
  touchpoint: touchpoint(`t${rank}`, name), score, rank, level: rank === 1 ? 'HIGH' : 'MEDIUM', volume: 1200, negativeShare: 0.2, complaintRate: 0.05, trend: -0.1,
});
const alerts: Alert[] = [{ id: 'a1', status: 'OPEN', metric: 'CSAT', value: 52, threshold: 70, openedAt: '2026-11-20T08:00:00Z', touchpoint: touchpoint('t9', 'Reservations call centre') }];
const riskSchedule: Schedule = { kind: 'RISK', targetId: 'j1', cron: '0 6 * * *', timeZone: 'Europe/Lisbon', nextRuns: ['2026-12-03T06:00:00.000Z'] };

function data(role: Role, risks: TouchpointRisk[] = []): PageData {
  return {
    viewer: { role, workspace: { id: 'w1', name: 'Seaside Resort & Park' } },
    status: null,
    journeys: ok([{ id: 'j1', name: 'Resort stay' }, { id: 'j2', name: 'Theme park day' }]),
    journeyId: 'j1',
    alerts: Promise.resolve(ok(alerts)),
    risks: Promise.resolve(ok(risks)),
    watchSchedule: Promise.resolve(ok(null)),
    riskSchedule: Promise.resolve(ok(riskSchedule)),
  };
}

describe('alerts & risks page', () => {
  it('gives an admin the run-now buttons and both schedules, posting with the selected journey kept', async () => {
    render(Page, { data: data('ADMIN'), form: null });
    const assess = await screen.findByRole('button', { name: 'Assess now' });
    expect(assess.closest('form')?.getAttribute('action')).toBe('?journey=j1&/assess');
    expect(screen.getByRole('button', { name: 'Check thresholds now' }).closest('form')?.getAttribute('action')).toBe('?journey=j1&/watch');
    const riskGroup = screen.getByRole('group', { name: 'Risk assessment' });
    expect(riskGroup.textContent).toContain('Runs 0 6 * * * (Europe/Lisbon), next 3 Dec 2026, 06:00');
    expect(within(riskGroup).getByRole('textbox', { name: 'Cron' }).closest('form')?.getAttribute('action')).toBe('?journey=j1&/setSchedule');
    const watchGroup = await screen.findByRole('group', { name: 'KPI watch' });
    expect(watchGroup.textContent).toContain('Not scheduled');
    expect(within(watchGroup).getByRole('button', { name: 'Set schedule' })).toBeTruthy();
  });

  it('shows an executive the schedules as text and no buttons to run or schedule', async () => {
    render(Page, { data: data('EXECUTIVE'), form: null });
    await screen.findByRole('link', { name: 'Reservations call centre' });
    expect((await screen.findByRole('group', { name: 'KPI watch' })).textContent).toContain('Not scheduled');
    expect(screen.getByRole('group', { name: 'Risk assessment' }).textContent).toContain('Runs 0 6 * * *');
    expect(screen.queryAllByRole('button', { name: /now$|schedule$/ })).toHaveLength(0);
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
  });

  it('shows the register an assessment returned, ranked', async () => {
    const form: ActionData = { assessed: { journeyId: 'j1', risks: [risk(1, 'Reservations call centre', 71.4), risk(2, 'Check-in desk', 40.2)] } };
    render(Page, { data: data('ADMIN'), form });
    const table = await screen.findByRole('table', { name: 'Risk register' });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').slice(0, 2).map((cell) => cell.textContent));
    expect(rows).toEqual([['1', 'Reservations call centre'], ['2', 'Check-in desk']]);
  });

  it('reports a failed assessment in the risk register panel', async () => {
    const form: ActionData = { riskError: 'The risk assessment failed: Temporal is unavailable.' };
    render(Page, { data: data('ADMIN'), form });
    const panel = screen.getByRole('region', { name: 'Risk register' });
    expect(within(panel).getByRole('alert').textContent).toBe('The risk assessment failed: Temporal is unavailable.');
  });

  it('shows the result line of a threshold check in the alerts panel', async () => {
    const form: ActionData = { watched: { checked: 12, breached: 2, opened: 1, resolved: 0 } };
    render(Page, { data: data('ADMIN'), form });
    const panel = screen.getByRole('region', { name: 'Alerts' });
    // The alerts list below may still hold its own "Loading…" status.
    expect(within(panel).getAllByRole('status').map((s) => s.textContent)).toContain('12 thresholds checked, 1 alert opened, 0 resolved');
  });
});
