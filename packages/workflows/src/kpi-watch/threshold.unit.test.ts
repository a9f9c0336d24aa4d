import { describe, expect, it } from 'vitest';
import { thresholdState } from './threshold.js';

describe('thresholdState', () => {
  const below = { direction: 'BELOW', value: 70, minSample: 10 } as const;

  it('breaches strictly below a BELOW threshold and strictly above an ABOVE one', () => {
    expect(thresholdState(below, { value: 69.9, sampleSize: 10 })).toBe('BREACH');
    expect(thresholdState(below, { value: 70, sampleSize: 10 })).toBe('OK');
    expect(thresholdState({ ...below, direction: 'ABOVE' }, { value: 70.1, sampleSize: 10 })).toBe('BREACH');
  });

  it('decides nothing without enough responses or a value', () => {
    expect(thresholdState(below, { value: 10, sampleSize: 9 })).toBe('UNKNOWN');
    expect(thresholdState(below, { value: null, sampleSize: 0 })).toBe('UNKNOWN');
  });
});
