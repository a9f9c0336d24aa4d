import { describe, expect, it } from 'vitest';
import { attributeRevenue, touchWeights } from './attribution.js';
import { DAY_MS } from './types.js';

const conversionAt = Date.UTC(2026, 2, 1);
const touches = [
  { touchpointId: 'ad', at: conversionAt - 14 * DAY_MS },
  { touchpointId: 'site', at: conversionAt - 7 * DAY_MS },
  { touchpointId: 'desk', at: conversionAt },
];

describe('attribution', () => {
  it('gives all credit to the first or the last touch', () => {
    expect(touchWeights('FIRST_TOUCH', touches, conversionAt)).toEqual([1, 0, 0]);
    expect(touchWeights('LAST_TOUCH', touches, conversionAt)).toEqual([0, 0, 1]);
  });

  it('splits evenly under the linear model', () => {
    const rows = attributeRevenue('LINEAR', [{ at: conversionAt, value: 300, touches }]);
    expect(rows.map((r) => [r.touchpointId, r.revenue, r.conversions])).toEqual([
      ['ad', 100, 1 / 3],
      ['desk', 100, 1 / 3],
      ['site', 100, 1 / 3],
    ]);
  });

  it('halves the weight every 7 days under time decay: weights 1/4, 1/2, 1 normalised by 7/4', () => {
    const w = touchWeights('TIME_DECAY', touches, conversionAt);
    expect(w[0]).toBeCloseTo(1 / 7, 12);
    expect(w[1]).toBeCloseTo(2 / 7, 12);
    expect(w[2]).toBeCloseTo(4 / 7, 12);
  });

  it('leaves conversions without touches unattributed', () => {
    expect(attributeRevenue('LINEAR', [{ at: conversionAt, value: 100, touches: [] }])).toEqual([]);
  });
});
