import { describe, expect, it } from 'vitest';
import { bucketStartOf, bucketStarts, zonedMidnight } from './zoned-time.js';

describe('zoned buckets', () => {
  it('finds local midnight across a DST change', () => {
    expect(new Date(zonedMidnight(2026, 3, 29, 'Europe/Lisbon')).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(new Date(zonedMidnight(2026, 3, 30, 'Europe/Lisbon')).toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(new Date(zonedMidnight(2026, 1, 1, 'Asia/Kolkata')).toISOString()).toBe('2025-12-31T18:30:00.000Z');
  });

  it('starts weeks on Monday and months on the 1st in the workspace zone', () => {
    const instant = Date.parse('2026-04-01T02:00:00Z'); // 2026-03-31 (Tuesday) 22:00 in New York
    expect(new Date(bucketStartOf(instant, 'DAY', 'America/New_York')).toISOString()).toBe('2026-03-31T04:00:00.000Z');
    expect(new Date(bucketStartOf(instant, 'WEEK', 'America/New_York')).toISOString()).toBe('2026-03-30T04:00:00.000Z');
    expect(new Date(bucketStartOf(instant, 'MONTH', 'America/New_York')).toISOString()).toBe('2026-03-01T05:00:00.000Z');
  });

  it('lists every bucket that intersects the half-open window', () => {
    const starts = bucketStarts(Date.parse('2026-01-01T12:00:00Z'), Date.parse('2026-01-03T00:00:00Z'), 'DAY', 'UTC');
    expect(starts.map((s) => new Date(s).toISOString())).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
  });
});
