import { describe, expect, it } from 'vitest';
import { thresholdValueProblem } from './ranges.js';

describe('thresholdValueProblem', () => {
  it('accepts values a KPI can take, the bounds included', () => {
    expect([thresholdValueProblem('NPS', -100), thresholdValueProblem('CSAT', 100), thresholdValueProblem('CONVERSION_RATE', 0.2), thresholdValueProblem('REVENUE', -500)]).toEqual([null, null, null, null]);
  });

  it('names the range of a value the KPI can never reach', () => {
    expect(thresholdValueProblem('CSAT', 150)).toBe('a CSAT threshold must be from 0 to 100 (%), got 150');
    expect(thresholdValueProblem('CONVERSION_RATE', 35)).toBe('a CONVERSION_RATE threshold must be from 0 to 1 (a share of customers), got 35');
    expect(thresholdValueProblem('CES', 0)).toBe('a CES threshold must be from 1 to 7, got 0');
  });
});
