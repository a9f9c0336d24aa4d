import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { ok } from '$lib/graphql/result.js';
import type { Role } from '$lib/graphql/types.js';
import Page from './+page.svelte';
import type { PageData } from './$types.js';

const resort = { id: 'j1', name: 'Resort stay' };
const park = { id: 'j2', name: 'Theme park day' };

function data(role: Role): PageData {
  return {
    viewer: { role, workspace: { id: 'w1', name: 'Seaside Resort & Park' } },
    audits: Promise.resolve(ok({ nodes: [], pageInfo: { endCursor: null, hasNextPage: false } })),
    journeys: Promise.resolve(ok([resort, park])),
    schedules: Promise.resolve(ok([
      { journey: resort, schedule: { kind: 'AUDIT' as const, targetId: 'j1', cron: '0 5 * * 1', timeZone: 'Europe/Lisbon', nextRuns: ['2026-12-07T05:00:00.000Z'] } },
      { journey: park, schedule: null },
    ])),
  };
}

describe('audits page: audit schedules', () => {
  it('gives an admin a schedule control per journey', async () => {
    render(Page, { data: data('ADMIN'), form: null });
    const resortGroup = await screen.findByRole('group', { name: 'Resort stay' });
    expect(resortGroup.textContent).toContain('Runs 0 5 * * 1 (Europe/Lisbon), next 7 Dec 2026, 05:00');
    expect(within(resortGroup).getByRole('button', { name: 'Remove schedule' })).toBeTruthy();
    const parkGroup = screen.getByRole('group', { name: 'Theme park day' });
    expect(parkGroup.textContent).toContain('Not scheduled');
    expect(within(parkGroup).getByRole('textbox', { name: 'Cron' }).closest('form')?.getAttribute('action')).toBe('?/setSchedule');
  });

  it('shows other roles the schedules as text only', async () => {
    render(Page, { data: data('ANALYST'), form: null });
    expect((await screen.findByRole('group', { name: 'Resort stay' })).textContent).toContain('Runs 0 5 * * 1');
    expect(screen.getByRole('group', { name: 'Theme park day' }).textContent).toContain('Not scheduled');
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
    expect(screen.queryAllByRole('button', { name: /schedule/ })).toHaveLength(0);
  });
});
