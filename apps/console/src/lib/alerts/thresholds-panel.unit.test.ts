import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { ok } from '$lib/graphql/result.js';
import type { KpiThreshold } from '$lib/graphql/types.js';
import ThresholdsPanel from './thresholds-panel.svelte';

const thresholds: KpiThreshold[] = [
  { id: 'h1', metric: 'CSAT', direction: 'BELOW', value: 60, windowDays: 30, minSample: 20, enabled: true },
  { id: 'h2', metric: 'VOLUME', direction: 'ABOVE', value: 500, windowDays: 7, minSample: 10, enabled: false },
];

describe('ThresholdsPanel', () => {
  it('lists what the KPI watch checks, and lets an admin remove each threshold or set one', async () => {
    render(ThresholdsPanel, { thresholds: Promise.resolve(ok(thresholds)), canEdit: true, touchpointName: 'resort.front-desk' });
    expect(await screen.findByText('below 60%')).toBeTruthy();
    expect(screen.getByText('above 500')).toBeTruthy();
    expect(screen.getByText('paused')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove the CSAT threshold' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Set threshold' })).toBeTruthy();
  });

  it('shows a reader the thresholds without any control that changes them', async () => {
    render(ThresholdsPanel, { thresholds: Promise.resolve(ok(thresholds)), canEdit: false, touchpointName: 'resort.front-desk' });
    expect(await screen.findByText('below 60%')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Remove|Set threshold/ })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Set a threshold' })).toBeNull();
  });
});
