import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { ok, type Result } from '$lib/graphql/result.js';
import type { ListedSchedule, Role } from '$lib/graphql/types.js';
import Page from './+page.svelte';
import type { PageData } from './$types.js';

const at = (kind: ListedSchedule['kind'], targetId: string, targetName: string | null, cron: string, nextRuns = ['2026-12-03T06:00:00.000Z']): ListedSchedule => ({
  kind, targetId, targetName, cron, timeZone: 'Europe/Lisbon', nextRuns,
});
// In the API's order (by kind, then target id).
const schedules: ListedSchedule[] = [
  at('AUDIT', 'j1', 'Resort stay', '0 6 * * *'),
  at('KPI_WATCH', 'w1', 'Seaside Resort & Park', '0 * * * *', ['2026-12-02T15:00:00.000Z']),
  at('RISK', 'j1', 'Resort stay', '30 6 * * *', ['2026-12-03T06:30:00.000Z']),
  at('RISK', 'j9', null, '0 5 * * *', []),
  at('ROI', 'i1', 'Direct booking engine relaunch', '0 7 * * 1', ['2026-12-07T07:00:00.000Z']),
  at('SYNC', 'n1', 'Booking CSV import', '15 */2 * * *', ['2026-12-02T16:15:00.000Z']),
];

function data(role: Role, result: Result<ListedSchedule[]> = ok(schedules)): PageData {
  return { viewer: { role, workspace: { id: 'w1', name: 'Seaside Resort & Park' } }, schedules: Promise.resolve(result) };
}

async function rows(): Promise<string[][]> {
  const table = await screen.findByRole('table', { name: 'Schedules' });
  return within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent?.trim() ?? ''));
}

describe('automation page', () => {
  it('lists every schedule in words, with its cron, time zone and next run read in that zone', async () => {
    render(Page, { data: data('EXECUTIVE') });
    expect(await rows()).toEqual([
      ['KPI watch', 'Seaside Resort & Park', '0 * * * *', 'Europe/Lisbon', '2 Dec 2026, 15:00'],
      ['Sync', 'Booking CSV import', '15 */2 * * *', 'Europe/Lisbon', '2 Dec 2026, 16:15'],
      ['Audit', 'Resort stay', '0 6 * * *', 'Europe/Lisbon', '3 Dec 2026, 06:00'],
      ['Risk assessment', 'deleted', '0 5 * * *', 'Europe/Lisbon', 'no upcoming run'],
      ['Risk assessment', 'Resort stay', '30 6 * * *', 'Europe/Lisbon', '3 Dec 2026, 06:30'],
      ['ROI evaluation', 'Direct booking engine relaunch', '0 7 * * 1', 'Europe/Lisbon', '7 Dec 2026, 07:00'],
    ]);
    expect(screen.getByRole('button', { name: 'Export CSV' }).hasAttribute('disabled')).toBe(false);
  });

  it('links each target to the page where its schedule lives, and a deleted one nowhere', async () => {
    render(Page, { data: data('ANALYST') });
    const table = await screen.findByRole('table', { name: 'Schedules' });
    const links = within(table).getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')]);
    expect(links).toEqual([
      ['Seaside Resort & Park', '/alerts'],
      ['Booking CSV import', '/integrations/n1'],
      ['Resort stay', '/audits'],
      ['Resort stay', '/alerts?journey=j1'],
      ['Direct booking engine relaunch', '/initiatives'],
    ]);
    expect(within(table).getByText('deleted').closest('a')).toBeNull();
  });

  it('is read-only and says where schedules are changed', async () => {
    render(Page, { data: data('ADMIN') });
    await screen.findByRole('table', { name: 'Schedules' });
    expect(screen.getByRole('heading', { level: 1, name: 'Automation' })).toBeTruthy();
    expect(screen.getByText(/set, changed or removed on the page where it lives/)).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryAllByRole('button').map((button) => button.textContent?.trim())).toEqual(['Export CSV']);
  });

  it('says so when nothing is scheduled', async () => {
    render(Page, { data: data('EXECUTIVE', ok([])) });
    expect(await screen.findByText('Nothing runs by itself yet: everything runs on demand.')).toBeTruthy();
  });

  it('shows why the schedules could not be read', async () => {
    render(Page, { data: data('EXECUTIVE', { ok: false, error: 'The workflow service is unavailable.', code: 'UNAVAILABLE' }) });
    expect(await screen.findByText(/The workflow service is unavailable\./)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
