import { describe, expect, it } from 'vitest';
import { describeEvidence } from './findings.js';

describe('finding evidence', () => {
  it('states a brand-fact mismatch as the values and the channels giving each, without ids', () => {
    const evidence = {
      factKey: 'price.standard_room',
      channels: ['partner', 'web'],
      values: [
        { value: '179 EUR', touchpoints: [{ id: '1f1c', key: 'resort.ota', channel: 'partner' }] },
        { value: '189 EUR', touchpoints: [{ id: '7d88', key: 'resort.ads', channel: 'web' }, { id: '5f7a', key: 'resort.website', channel: 'web' }] },
      ],
    };
    const text = describeEvidence(evidence, 'fact-consistency');
    expect(text).toBe('price.standard_room is given as “179 EUR” (partner) vs “189 EUR” (web)');
  });

  it('states a channel gap with both scores, the gap and the threshold', () => {
    const evidence = {
      stageId: 'cf86', stage: 'Retention', metric: 'CSAT', gap: 45.1297, threshold: 15, minSample: 30,
      lowest: { channel: 'front_desk', value: 41.5697, sampleSize: 344 }, highest: { channel: 'app', value: 86.6995, sampleSize: 406 }, channels: [],
    };
    expect(describeEvidence(evidence, 'experience-consistency')).toBe('Retention CSAT: front desk 41.6% vs app 86.7% — a 45.1-point gap (threshold 15)');
  });

  it('states a stale feed with the days silent and the last event day, or that none ever came', () => {
    const stale = { touchpointKey: 'resort.website', channel: 'web', lastEventAt: '2026-10-31T21:17:05.471Z', staleDays: 14, daysSilent: 28 };
    expect(describeEvidence(stale, 'coverage-stale-feed')).toBe('resort.website (web): no events for 28 days, last on 2026-10-31 (limit 14 days)');
    expect(describeEvidence({ ...stale, lastEventAt: null, daysSilent: null }, 'coverage-stale-feed')).toBe('resort.website (web) has never received an event');
  });

  it('falls back to the scalar fields of an unknown rule, leaving ids and nested values out', () => {
    expect(describeEvidence({ stageId: 's1', stage: 'Stay', score: 3, nested: { a: 1 } }, 'new-rule')).toBe('stage: Stay · score: 3');
  });
});
