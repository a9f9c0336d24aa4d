import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { ok } from '$lib/graphql/result.js';
import type { Alert, Audit, FunnelStep } from '$lib/graphql/types.js';
import type { TileData } from '$lib/dashboard/kpi-batch.js';
import type { HeatMapData } from '$lib/dashboard/heat-map-data.js';
import Page from './+page.svelte';
import type { PageData } from './$types.js';

const point = (week: number, value: number) => ({ bucketStart: `2026-09-${String(week * 7 + 1).padStart(2, '0')}T00:00:00.000Z`, value, sampleSize: 50 });
const tile = (metric: TileData['metric'], now: number, prev: number): TileData => ({
  metric, current: { metric, value: now, sampleSize: 400 }, previous: { metric, value: prev, sampleSize: 380 }, series: [point(0, prev), point(1, now)],
});
const tiles = [tile('NPS', 41, 38), tile('CSAT', 82.5, 80), tile('CES', 2.4, 2.6), tile('CONVERSION_RATE', 0.18, 0.2), tile('REVENUE', 182_400, 160_000)];
const stage = (id: string, name: string, position: number) => ({ id, name, position });
const funnel: FunnelStep[] = [
  { stage: stage('s1', 'Awareness', 0), reached: 1200, conversionFromPrevious: null, dropOff: null },
  { stage: stage('s2', 'Purchase', 1), reached: 300, conversionFromPrevious: 0.25, dropOff: 0.75 },
];
const heatMap: HeatMapData = { metric: 'CSAT', stages: [{ id: 's1', name: 'Awareness' }, { id: 's2', name: 'Purchase' }], channels: ['web', 'phone'], cells: [[{ value: 88, sampleSize: 40 }, { value: 52, sampleSize: 33 }], [{ value: 90, sampleSize: 31 }, { value: null, sampleSize: 0 }]] };
const alerts: Alert[] = [{ id: 'a1', status: 'OPEN', metric: 'CSAT', value: 52, threshold: 70, openedAt: '2026-11-20T08:00:00Z', touchpoint: { id: 't9', key: 'resort.call-center', name: 'Reservations call centre', channel: 'phone' } }];
const audit: Audit = {
  id: 'au1', status: 'COMPLETED', createdAt: '2026-11-22T08:00:00Z', journey: { id: 'j1', name: 'Resort stay' },
  findings: [{ rule: 'fact-consistency', severity: 'HIGH', change: 'NEW', evidence: { factKey: 'price.standard_room', values: [{ value: '189 EUR', touchpoints: [] }, { value: '179 EUR', touchpoints: [] }] }, touchpoints: [] }],
};

function data(role: 'ADMIN' | 'EXECUTIVE'): PageData {
  return {
    viewer: { role, workspace: { id: 'w1', name: 'Seaside Resort & Park' } },
    filters: { from: '2026-08-26', to: '2026-11-23', journeyId: null, channel: null },
    journeys: ok([{ id: 'j1', name: 'Resort stay' }]),
    journeyId: 'j1',
    channels: ok(['phone', 'web']),
    tiles: tiles.map((t) => ({ metric: t.metric, result: Promise.resolve(ok(t)) })),
    funnel: Promise.resolve(ok(funnel)),
    heatMap: Promise.resolve(ok(heatMap)),
    alerts: Promise.resolve(ok(alerts)),
    latestAudit: Promise.resolve(ok(audit)),
  };
}

describe('dashboard page', () => {
  it('renders the KPI tiles, funnel, heat map, alerts and findings from the loaded data', async () => {
    render(Page, { data: data('ADMIN') });
    const indicators = screen.getByRole('region', { name: 'Key indicators' });
    expect(await within(indicators).findAllByRole('article')).toHaveLength(5);
    expect(within(indicators).getByRole('article', { name: 'Revenue' }).textContent).toContain('€182.4K');
    expect(within(indicators).getByRole('article', { name: 'Conversion' }).textContent).toContain('−2 pts');
    expect(await screen.findByText('−75% drop-off')).toBeTruthy();
    expect((await screen.findByRole('table', { name: /CSAT by stage and channel/ })).textContent).toContain('52%');
    expect(await screen.findByText('Inconsistent brand fact')).toBeTruthy();
    expect(screen.getByText('price.standard_room is given as “189 EUR” vs “179 EUR”')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Resolve alert on Reservations call centre' })).toBeTruthy();
  });

  it('shows an executive no edit buttons and each panel its own error', async () => {
    const failing = { ...data('EXECUTIVE'), funnel: Promise.resolve({ ok: false as const, error: 'The funnel query failed: journey not found.', code: 'NOT_FOUND' }) };
    render(Page, { data: failing });
    expect(await screen.findByText('The funnel query failed: journey not found.')).toBeTruthy();
    await screen.findByRole('link', { name: 'Reservations call centre' });
    expect(screen.queryByRole('button', { name: /alert on/ })).toBeNull();
  });
});
