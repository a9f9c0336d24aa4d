import { describe, expect, it } from 'vitest';
import { kpiWatchSummary } from './kpi-watch.js';

describe('kpiWatchSummary', () => {
  it('counts the thresholds checked and the alerts opened and resolved', () => {
    expect(kpiWatchSummary({ checked: 12, breached: 3, opened: 1, resolved: 0 })).toBe('12 thresholds checked, 1 alert opened, 0 resolved');
    expect(kpiWatchSummary({ checked: 1, breached: 0, opened: 0, resolved: 2 })).toBe('1 threshold checked, 0 alerts opened, 2 resolved');
  });
});
