import { describe, expect, it } from 'vitest';
import type { ScoredEvent } from './formulas.js';
import { aggregateEvents, csatFromCounts, metricFromAggregate, npsFromCounts } from './formulas.js';

const survey = (fields: Partial<ScoredEvent>): ScoredEvent => ({ kind: 'SURVEY', value: null, csat: null, nps: null, ces: null, sentiment: null, ...fields });

describe('NPS', () => {
  it('counts 9 and 10 as promoters, 0–6 as detractors and 7–8 as passives', () => {
    const agg = aggregateEvents([0, 6, 7, 8, 9, 10].map((nps) => survey({ nps })));
    expect(agg).toMatchObject({ npsResponses: 6, npsPromoters: 2, npsDetractors: 2 });
    expect(metricFromAggregate('NPS', agg)).toEqual({ value: 0, sampleSize: 6 });
  });

  it('is 100 × (promoters − detractors) / responses, worked by hand: 3 promoters, 1 detractor, 1 passive of 5 → 40', () => {
    const agg = aggregateEvents([9, 10, 9, 6, 7].map((nps) => survey({ nps })));
    expect(metricFromAggregate('NPS', agg)).toEqual({ value: 40, sampleSize: 5 });
  });

  it('spans −100..100', () => {
    expect(npsFromCounts(0, 4, 4)).toBe(-100);
    expect(npsFromCounts(4, 0, 4)).toBe(100);
  });

  it('is null, not 0, with sample size 0 when nobody answered', () => {
    const agg = aggregateEvents([survey({ csat: 5 }), { ...survey({}), kind: 'VIEW' }]);
    expect(metricFromAggregate('NPS', agg)).toEqual({ value: null, sampleSize: 0 });
  });
});

describe('CSAT', () => {
  it('counts 4 and 5 as satisfied and 3 as not', () => {
    const agg = aggregateEvents([1, 2, 3, 4, 5].map((csat) => survey({ csat })));
    expect(metricFromAggregate('CSAT', agg)).toEqual({ value: 40, sampleSize: 5 });
  });

  it('is null without responses', () => {
    expect(csatFromCounts(0, 0)).toBeNull();
  });
});

describe('CES, sentiment, volume and revenue', () => {
  it('averages CES and sentiment over the events that carry them', () => {
    const agg = aggregateEvents([survey({ ces: 2 }), survey({ ces: 5 }), survey({ sentiment: -0.5 }), survey({ sentiment: 1 }), survey({})]);
    expect(metricFromAggregate('CES', agg)).toEqual({ value: 3.5, sampleSize: 2 });
    expect(metricFromAggregate('SENTIMENT', agg)).toEqual({ value: 0.25, sampleSize: 2 });
    expect(metricFromAggregate('VOLUME', agg)).toEqual({ value: 5, sampleSize: 5 });
  });

  it('adds bookings and purchases, subtracts cancellations and ignores other values', () => {
    const agg = aggregateEvents([
      { ...survey({}), kind: 'BOOKING', value: 400 },
      { ...survey({}), kind: 'PURCHASE', value: 50 },
      { ...survey({}), kind: 'CANCELLATION', value: 400 },
      { ...survey({}), kind: 'INQUIRY', value: 999 },
      { ...survey({}), kind: 'BOOKING', value: null },
    ]);
    expect(metricFromAggregate('REVENUE', agg)).toEqual({ value: 50, sampleSize: 3 });
  });

  it('reports null volume and revenue when nothing qualifies', () => {
    const agg = aggregateEvents([]);
    expect(metricFromAggregate('VOLUME', agg)).toEqual({ value: null, sampleSize: 0 });
    expect(metricFromAggregate('REVENUE', agg)).toEqual({ value: null, sampleSize: 0 });
  });
});
