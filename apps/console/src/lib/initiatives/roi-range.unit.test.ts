import { describe, expect, it } from 'vitest';
import { roiAxisRange } from './roi-range.js';

describe('ROI chart axis', () => {
  it('keeps the cost in view when the interval is far below it', () => {
    const { min, max } = roiAxisRange({ ciLow: 0, ciHigh: 0, estimate: 0, cost: 5000 });
    expect(min).toBe(0);
    expect(max).toBeGreaterThan(5000);
  });

  it('covers a negative interval bound and an estimate above the cost, with a margin', () => {
    const { min, max } = roiAxisRange({ ciLow: -1200, ciHigh: 9000, estimate: 4000, cost: 3000 });
    expect(min).toBeLessThan(-1200);
    expect(max).toBeGreaterThan(9000);
  });
});
