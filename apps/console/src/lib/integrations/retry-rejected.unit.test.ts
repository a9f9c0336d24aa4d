import { describe, expect, it } from 'vitest';
import { addRetry, retrySummary } from './retry-rejected.js';

const part = (retried: number, accepted: number, duplicates: number, still: number, remaining: number) => ({
  retried, accepted, duplicates, remaining, endCursor: null,
  stillRejected: Array.from({ length: still }, (_v, i) => ({ id: String(i), index: i, externalId: null, reason: 'unknown touchpoint key "x"' })),
});

describe('retry summary', () => {
  it('says what was stored, what a later sync had stored, and what is still refused', () => {
    expect(retrySummary(addRetry(null, part(3, 2, 0, 1, 0)))).toBe('Retried 3 rows: 2 stored, 1 still refused (the list shows why).');
    expect(retrySummary(addRetry(null, part(1, 0, 1, 0, 0)))).toBe('Retried 1 row: 0 stored, 1 already stored by a later sync.');
  });

  it('adds the calls of one retry up and says when rows were not reached', () => {
    const totals = addRetry(addRetry(null, part(50_000, 49_000, 0, 1_000, 12_000)), part(2_000, 2_000, 0, 0, 10_000));
    expect(totals).toEqual({ retried: 52_000, accepted: 51_000, duplicates: 0, stillRejected: 1_000, remaining: 10_000 });
    expect(retrySummary(totals)).toBe('Retried 52,000 rows: 51,000 stored, 1,000 still refused (the list shows why). 10,000 rows not reached yet: retry again to go on.');
  });

  it('says so when nothing was left', () => {
    expect(retrySummary(addRetry(null, part(0, 0, 0, 0, 0)))).toBe('No rows were left to retry.');
  });
});
