import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import HeatMap from './heat-map.svelte';
import { heatMapDocument, heatMapOf } from './heat-map-data.js';
import type { Journey } from '$lib/graphql/types.js';

const tp = (id: string, channel: string) => ({ id, key: id, name: id, channel, type: 'CONTACT' as const, mode: 'ONLINE' as const, ownerTeam: null, monthlyCost: null, facts: {} });
const journey: Journey = {
  id: 'j1', name: 'Resort stay', description: null,
  stages: [
    { id: 's1', name: 'Awareness', position: 0, touchpoints: [tp('a', 'web'), tp('b', 'social')] },
    { id: 's2', name: 'Purchase', position: 1, touchpoints: [tp('c', 'web')] },
  ],
};

describe('heat map', () => {
  it('asks for one aliased KPI per stage × channel and places the answers in the grid', () => {
    const built = heatMapDocument(journey, ['social', 'web'], 'CSAT');
    expect(built.document).toContain('c1_1: kpi(metric: CSAT, scope: $s1_1, window: $window)');
    expect(built.variables.s1_0).toEqual({ stageId: 's2', channel: 'social' });
    const map = heatMapOf(journey, ['social', 'web'], 'CSAT', { c0_0: { value: 82, sampleSize: 40 }, c0_1: { value: 55.5, sampleSize: 31 }, c1_1: { value: null, sampleSize: 0 } });
    render(HeatMap, { data: map });
    const rows = screen.getAllByRole('row');
    expect(rows[1]?.textContent).toContain('82%');
    expect(rows[1]?.textContent).toContain('55.5%');
    expect(rows[2]?.textContent).toContain('—');
    expect(screen.getByRole('rowheader', { name: 'Purchase' })).toBeTruthy();
  });
});
