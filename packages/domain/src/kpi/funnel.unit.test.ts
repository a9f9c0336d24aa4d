import { describe, expect, it } from 'vitest';
import { funnelFromReached, funnelFromTouches, stepsReached } from './funnel.js';
import { DAY_MS } from './types.js';

const t0 = Date.UTC(2026, 0, 1);
const window = { from: new Date(t0), to: new Date(t0 + 10 * DAY_MS) };

describe('funnel', () => {
  it('computes conversion and drop-off from reached counts, null after an empty step', () => {
    expect(funnelFromReached(['a', 'b', 'c', 'd'], [10, 4, 0, 0])).toEqual([
      { stageId: 'a', reached: 10, conversionFromPrevious: null, dropOff: null },
      { stageId: 'b', reached: 4, conversionFromPrevious: 0.4, dropOff: 0.6 },
      { stageId: 'c', reached: 0, conversionFromPrevious: 0, dropOff: 1 },
      { stageId: 'd', reached: 0, conversionFromPrevious: null, dropOff: null },
    ]);
  });

  it('enters step 1 only inside the half-open window', () => {
    expect(stepsReached([{ stage: 0, at: t0 - 1 }], 3, window, 30)).toBe(0);
    expect(stepsReached([{ stage: 0, at: t0 }], 3, window, 30)).toBe(1);
    expect(stepsReached([{ stage: 0, at: window.to.getTime() }], 3, window, 30)).toBe(0);
  });

  it('counts a later step exactly at the conversion-window limit and not one millisecond after', () => {
    const at = (stage: number, ms: number) => ({ stage, at: ms });
    expect(stepsReached([at(0, t0), at(1, t0 + 30 * DAY_MS)], 2, window, 30)).toBe(2);
    expect(stepsReached([at(0, t0), at(1, t0 + 30 * DAY_MS + 1)], 2, window, 30)).toBe(1);
  });

  it('needs each step at or after the previous one and uses the first such event', () => {
    const touches = [
      { stage: 1, at: t0 + 1 * DAY_MS },
      { stage: 0, at: t0 + 2 * DAY_MS },
      { stage: 2, at: t0 + 3 * DAY_MS },
      { stage: 1, at: t0 + 4 * DAY_MS },
    ];
    // stage 1 at day 1 is before entry; the one at day 4 is after stage 2's only event, so step 3 is missed
    expect(stepsReached(touches, 3, window, 30)).toBe(2);
    expect(stepsReached([{ stage: 0, at: t0 }, { stage: 1, at: t0 }], 2, window, 30)).toBe(2);
  });

  it('aggregates customers into reached counts', () => {
    const steps = funnelFromTouches(
      ['a', 'b'],
      [[{ stage: 0, at: t0 }, { stage: 1, at: t0 + DAY_MS }], [{ stage: 0, at: t0 }], [{ stage: 1, at: t0 }]],
      window,
      30,
    );
    expect(steps.map((s) => s.reached)).toEqual([2, 1]);
    expect(steps[1]?.conversionFromPrevious).toBe(0.5);
  });
});
