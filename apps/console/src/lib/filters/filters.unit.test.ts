import { describe, expect, it } from 'vitest';
import { bucketFor, filtersToQuery, parseFilters, previousWindow, windowOf } from './filters.js';

const NOW = Date.parse('2026-11-23T15:00:00Z');

describe('dashboard filters', () => {
  it('defaults to the last 90 days when the URL has no valid range', () => {
    const filters = parseFilters(new URLSearchParams('from=bogus&to=2026-01-01'), NOW);
    expect(filters).toEqual({ from: '2026-08-26', to: '2026-11-23', journeyId: null, channel: null });
  });

  it('round-trips through the URL', () => {
    const filters = parseFilters(new URLSearchParams('from=2026-10-01&to=2026-10-31&journey=j1&channel=web'), NOW);
    expect(parseFilters(new URLSearchParams(filtersToQuery(filters)), NOW)).toEqual(filters);
  });

  it('turns inclusive dates into a half-open window and the previous window of equal length', () => {
    const window = windowOf({ from: '2026-10-01', to: '2026-10-31' });
    expect(window).toEqual({ from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' });
    expect(previousWindow(window)).toEqual({ from: '2026-08-31T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z' });
    expect(bucketFor(window)).toBe('DAY');
  });
});
