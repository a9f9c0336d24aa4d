import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '$lib/graphql/types.js';
import ScheduleControl from './schedule-control.svelte';

const risk: Schedule = { kind: 'RISK', targetId: 'j1', cron: '0 6 * * *', timeZone: 'Europe/Lisbon', nextRuns: ['2026-12-03T06:00:00.000Z'] };

function hidden(form: HTMLFormElement, name: string): string | null {
  const input = form.elements.namedItem(name);
  return input instanceof HTMLInputElement ? input.value : null;
}

describe('ScheduleControl', () => {
  it('shows an admin the cron, zone and next run, and a form to change or remove it', () => {
    render(ScheduleControl, { kind: 'RISK', targetId: 'j1', title: 'Risk assessment', schedule: risk, canEdit: true });
    const group = screen.getByRole('group', { name: 'Risk assessment' });
    expect(group.textContent).toContain('Runs 0 6 * * * (Europe/Lisbon), next 3 Dec 2026, 06:00');
    const cron = within(group).getByRole('textbox', { name: 'Cron' });
    expect(cron).toHaveProperty('value', '0 6 * * *');
    expect(cron.getAttribute('placeholder')).toBe('0 6 * * *');
    expect(document.getElementById(cron.getAttribute('aria-describedby') ?? '')?.textContent).toContain('read in Europe/Lisbon');
    const form = cron.closest('form');
    if (!form) throw new Error('the cron field is outside a form');
    expect(form.getAttribute('action')).toBe('?/setSchedule');
    expect([hidden(form, 'kind'), hidden(form, 'targetId'), hidden(form, 'timeZone')]).toEqual(['RISK', 'j1', 'Europe/Lisbon']);
    expect(within(group).getByRole('button', { name: 'Update schedule' })).toBeTruthy();
    expect(within(group).getByRole('button', { name: 'Remove schedule' }).getAttribute('formaction')).toBe('?/removeSchedule');
  });

  it('offers to set a schedule where there is none, for the workspace without a target', () => {
    render(ScheduleControl, { kind: 'KPI_WATCH', title: 'KPI watch', schedule: null, canEdit: true, actionUrl: (name: string) => `?journey=j2&/${name}` });
    const group = screen.getByRole('group', { name: 'KPI watch' });
    expect(group.textContent).toContain('Not scheduled');
    const cron = within(group).getByRole('textbox', { name: 'Cron' });
    expect(cron).toHaveProperty('value', '');
    const form = cron.closest('form');
    expect(form?.getAttribute('action')).toBe('?journey=j2&/setSchedule');
    expect(form && [hidden(form, 'kind'), hidden(form, 'targetId'), hidden(form, 'timeZone')]).toEqual(['KPI_WATCH', null, null]);
    expect(within(group).getByRole('button', { name: 'Set schedule' })).toBeTruthy();
    expect(within(group).queryByRole('button', { name: 'Remove schedule' })).toBeNull();
    expect(document.getElementById(cron.getAttribute('aria-describedby') ?? '')?.textContent).toContain("the workspace's time zone");
  });

  it('shows other roles the schedule as text, without controls', () => {
    render(ScheduleControl, { kind: 'RISK', targetId: 'j1', title: 'Risk assessment', schedule: risk, canEdit: false });
    const group = screen.getByRole('group', { name: 'Risk assessment' });
    expect(group.textContent).toContain('Runs 0 6 * * * (Europe/Lisbon)');
    expect(within(group).queryByRole('textbox')).toBeNull();
    expect(within(group).queryAllByRole('button')).toHaveLength(0);
  });

  it('shows a refused cron, as typed, on the control that sent it only', () => {
    const feedback = { kind: 'AUDIT' as const, targetId: 'j1', cron: '0 25 * * *', error: 'Invalid cron "0 25 * * *": hour 25 is out of range.' };
    render(ScheduleControl, { kind: 'AUDIT', targetId: 'j1', title: 'Resort stay', schedule: null, canEdit: true, feedback });
    render(ScheduleControl, { kind: 'AUDIT', targetId: 'j2', title: 'Theme park day', schedule: null, canEdit: true, feedback });
    const sent = screen.getByRole('group', { name: 'Resort stay' });
    expect(within(sent).getByRole('alert').textContent).toBe('Invalid cron "0 25 * * *": hour 25 is out of range.');
    const cron = within(sent).getByRole('textbox', { name: 'Cron' });
    expect(cron).toHaveProperty('value', '0 25 * * *');
    expect(cron.getAttribute('aria-invalid')).toBe('true');
    const other = screen.getByRole('group', { name: 'Theme park day' });
    expect(within(other).queryByRole('alert')).toBeNull();
    expect(within(other).getByRole('textbox', { name: 'Cron' }).getAttribute('aria-invalid')).toBeNull();
  });

  it('confirms a saved schedule', () => {
    const feedback = { kind: 'KPI_WATCH' as const, targetId: null, cron: '0 6 * * *', message: 'Schedule saved.' };
    render(ScheduleControl, { kind: 'KPI_WATCH', title: 'KPI watch', schedule: { ...risk, kind: 'KPI_WATCH', targetId: 'w1' }, canEdit: true, feedback });
    expect(within(screen.getByRole('group', { name: 'KPI watch' })).getByRole('status').textContent).toBe('Schedule saved.');
  });
});
