import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../kpi/types.js';
import { computeRoiFromRevenue, incrementalRevenue, RoiError } from './roi.js';

const days = (n: number) => n * DAY_MS;

describe('ROI', () => {
  it('computes (incremental − cost) / cost, worked by hand', () => {
    // evaluation 1,500 over 3 days; baseline 900 over 3 days → incremental 600; cost 200 → ROI 2
    const result = computeRoiFromRevenue({
      evaluationRevenue: [500, 400, 600],
      baselineRevenue: [300, 300, 300],
      evaluationLengthMs: days(3),
      baselineLengthMs: days(3),
      cost: 200,
    });
    expect(result.incrementalRevenue).toBe(600);
    expect(result.roi).toBe(2);
  });

  it('scales the baseline by the ratio of window lengths', () => {
    expect(incrementalRevenue(1000, 600, days(2), days(3))).toBe(600);
  });

  it('gives a deterministic 95% bootstrap interval around the estimate for a seed', () => {
    const input = {
      evaluationRevenue: [500, 400, 600, 550, 450, 700, 300],
      baselineRevenue: [300, 350, 250, 320, 280, 310, 290],
      evaluationLengthMs: days(7),
      baselineLengthMs: days(7),
      cost: 100,
      seed: 7,
    };
    const a = computeRoiFromRevenue(input);
    const b = computeRoiFromRevenue(input);
    expect(a).toEqual(b);
    expect(a.ciLow).not.toBeNull();
    expect(a.ciLow ?? 0).toBeLessThan(a.incrementalRevenue);
    expect(a.ciHigh ?? 0).toBeGreaterThan(a.incrementalRevenue);
    expect(computeRoiFromRevenue({ ...input, seed: 8 }).ciLow).not.toBe(a.ciLow);
  });

  it('has no ROI for a free initiative and rejects a negative cost', () => {
    const base = { evaluationRevenue: [1], baselineRevenue: [0], evaluationLengthMs: days(1), baselineLengthMs: days(1) };
    expect(computeRoiFromRevenue({ ...base, cost: 0 }).roi).toBeNull();
    expect(() => computeRoiFromRevenue({ ...base, cost: -5 })).toThrow(RoiError);
  });
});
