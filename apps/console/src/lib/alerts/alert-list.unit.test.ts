import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import AlertList from './alert-list.svelte';
import type { Alert } from '$lib/graphql/types.js';

const alerts: Alert[] = [
  { id: 'a1', status: 'OPEN', metric: 'CSAT', value: 61.5, threshold: 70, openedAt: '2026-11-20T09:00:00Z', touchpoint: { id: 't1', key: 'front-desk', name: 'Front desk', channel: 'front_desk' } },
  { id: 'a2', status: 'ACK', metric: 'NPS', value: -5, threshold: 0, openedAt: '2026-11-21T09:00:00Z', touchpoint: { id: 't2', key: 'chat', name: 'Chat', channel: 'chat' } },
];

describe('AlertList', () => {
  it('offers acknowledge and resolve to an admin, according to each alert status', () => {
    render(AlertList, { alerts, canEdit: true });
    expect(screen.getByRole('button', { name: 'Acknowledge alert on Front desk' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Resolve alert on Front desk' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Acknowledge alert on Chat' })).toBeNull();
    expect(screen.getByText(/CSAT 61.5% crossed threshold 70%/)).toBeTruthy();
  });

  it('shows an executive no edit buttons', () => {
    render(AlertList, { alerts, canEdit: false });
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByRole('link', { name: 'Front desk' }).getAttribute('href')).toBe('/touchpoints/t1');
  });
});
