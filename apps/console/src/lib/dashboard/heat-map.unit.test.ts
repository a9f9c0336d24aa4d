import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import HeatMap from './heat-map.svelte';
import { heatMapOf } from './heat-map-data.js';
import type { Journey } from '$lib/graphql/types.js';

const tp = (id: string, channel: string) => ({ id, key: id, name: id, channel, type: 'CONTACT' as const, mode: 'ONLINE' as const, ownerTeam: null, monthlyCost: null, facts: {} });
const journey: Journey = {
  id: 'j1', name: 'Resort stay', description: null,
  stages: [
    { id: 's2', name: 'Purchase', position: 1, touchpoints: [tp('c', 'web')] },
    { id: 's1', name: 'Awareness', position: 0, touchpoints: [tp('a', 'web'), tp('b', 'social')] },
  ],
};

describe('heat map', () => {
  it('places the API cells on stage rows in journey order and channel columns, empty where there is no data', () => {
    const map = heatMapOf(journey, 'CSAT', [
      { stage: { id: 's1', name: 'Awareness', position: 0 }, channel: 'social', value: 82, sampleSize: 40 },
      { stage: { id: 's1', name: 'Awareness', position: 0 }, channel: 'web', value: 55.5, sampleSize: 31 },
    ]);
    expect(map.channels).toEqual(['social', 'web']);
    render(HeatMap, { data: map });
    const rows = screen.getAllByRole('row');
    expect(rows[1]?.textContent).toContain('Awareness');
    expect(rows[1]?.textContent).toContain('82%');
    expect(rows[1]?.textContent).toContain('55.5%');
    expect(rows[2]?.textContent).toContain('Purchase');
    expect(rows[2]?.textContent).toContain('—');
  });
});
