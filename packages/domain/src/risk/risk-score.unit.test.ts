import { describe, expect, it } from 'vitest';
import { rankRisks, riskLevel } from './risk-score.js';
import type { RiskSignals } from './risk-score.js';

const signals = (key: string, overrides: Partial<RiskSignals> = {}): RiskSignals => ({
  touchpointId: key,
  touchpointKey: key,
  volume: 100,
  sentimentResponses: 0,
  negativeResponses: 0,
  complaints: 0,
  kpiTrend: null,
  ...overrides,
});

describe('rankRisks', () => {
  it('scores the worst case 100 and a calm touchpoint 0', () => {
    const [worst, calm] = rankRisks([
      signals('calm', { sentimentResponses: 10, kpiTrend: 5 }),
      signals('worst', { sentimentResponses: 10, negativeResponses: 10, complaints: 20, kpiTrend: -20 }),
    ]);
    expect(worst).toMatchObject({ touchpointKey: 'worst', rank: 1, score: 100, level: 'CRITICAL' });
    expect(worst?.components).toEqual({ negativeShare: 1, complaintRate: 0.2, kpiTrend: -20, exposure: 1 });
    expect(calm).toMatchObject({ touchpointKey: 'calm', rank: 2, score: 0, level: 'LOW' });
  });

  it('weighs negative sentiment, complaints and KPI decline, scaled by volume exposure', () => {
    const [a] = rankRisks([signals('a', { sentimentResponses: 4, negativeResponses: 2, complaints: 5, kpiTrend: -10 })]);
    // 0.35·0.5 + 0.35·(0.05/0.2) + 0.3·(10/20) = 0.4125, full exposure → 41.3 (one decimal)
    expect(a?.score).toBe(41.3);
    expect(a?.level).toBe('MEDIUM');
    const [low] = rankRisks([signals('big', { volume: 10_000 }), signals('small', { volume: 9, complaints: 9 })]);
    // exposure = ln(10)/ln(10001) = 0.25; 0.35 × (0.5 + 0.125) = 21.9
    expect(low).toMatchObject({ touchpointKey: 'small', score: 21.9 });
  });

  it('gives a touchpoint without events no score and ranks ties by key', () => {
    const ranked = rankRisks([signals('b', { volume: 0 }), signals('a', { volume: 0 })]);
    expect(ranked.map((r) => [r.touchpointKey, r.rank, r.score])).toEqual([['a', 1, 0], ['b', 2, 0]]);
    expect(ranked[0]?.components).toMatchObject({ negativeShare: null, complaintRate: null, exposure: 0 });
  });

  it('maps scores to levels at 25, 50 and 75', () => {
    expect([24.9, 25, 50, 75].map(riskLevel)).toEqual(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
  });
});
