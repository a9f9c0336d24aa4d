export interface ThresholdRule {
  direction: 'BELOW' | 'ABOVE';
  value: number;
  minSample: number;
}

// BREACH opens an alert, OK resolves it, UNKNOWN (too few responses or no value) changes nothing.
export type ThresholdState = 'BREACH' | 'OK' | 'UNKNOWN';

export function thresholdState(rule: ThresholdRule, kpi: { value: number | null; sampleSize: number }): ThresholdState {
  if (kpi.value === null || kpi.sampleSize < rule.minSample) return 'UNKNOWN';
  const breached = rule.direction === 'BELOW' ? kpi.value < rule.value : kpi.value > rule.value;
  return breached ? 'BREACH' : 'OK';
}
