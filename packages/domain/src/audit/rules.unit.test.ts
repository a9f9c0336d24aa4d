import { describe, expect, it } from 'vitest';
import { coverageEmptyStage, coverageNoOwner, coverageStaleFeed, experienceConsistency, factConsistency, runConsistencyRules } from './rules.js';
import { DEFAULT_AUDIT_SETTINGS, parseAuditSettings } from './settings.js';
import type { AuditInput, AuditTouchpoint, ChannelScore } from './types.js';

const now = new Date('2026-06-30T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

function tp(id: string, overrides: Partial<AuditTouchpoint> = {}): AuditTouchpoint {
  return { id, key: `tp-${id}`, stageId: 's1', channel: 'web', ownerTeam: 'cx', facts: {}, lastEventAt: daysAgo(1), ...overrides };
}

function input(overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    stages: [{ id: 's1', name: 'Purchase', position: 1 }],
    touchpoints: [tp('a')],
    channelScores: [],
    now,
    settings: DEFAULT_AUDIT_SETTINGS,
    ...overrides,
  };
}

const score = (channel: string, value: number | null, sampleSize: number, metric: 'CSAT' | 'NPS' = 'CSAT'): ChannelScore => ({ stageId: 's1', channel, metric, value, sampleSize });

describe('fact-consistency', () => {
  it('flags a fact key presented with different values on different touchpoints, with each value as evidence', () => {
    const findings = factConsistency([
      tp('a', { channel: 'web', facts: { 'price.standard_room': '189 EUR', 'brand.tagline': 'Stay' } }),
      tp('b', { channel: 'phone', facts: { 'price.standard_room': '199 EUR', 'brand.tagline': 'Stay' } }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'fact-consistency', severity: 'HIGH', fingerprint: 'fact-consistency:price.standard_room', touchpointIds: ['a', 'b'] });
    expect(findings[0]?.evidence).toMatchObject({ factKey: 'price.standard_room', channels: ['phone', 'web'] });
    expect(findings[0]?.evidence['values']).toEqual([
      { value: '189 EUR', touchpoints: [{ id: 'a', key: 'tp-a', channel: 'web' }] },
      { value: '199 EUR', touchpoints: [{ id: 'b', key: 'tp-b', channel: 'phone' }] },
    ]);
  });

  it('ignores surrounding whitespace and reports non-price differences as MEDIUM', () => {
    const findings = factConsistency([
      tp('a', { facts: { 'brand.tagline': 'Stay well ', 'checkin.time': '15:00' } }),
      tp('b', { facts: { 'brand.tagline': 'Stay better', 'checkin.time': ' 15:00' } }),
    ]);
    expect(findings.map((f) => [f.fingerprint, f.severity])).toEqual([['fact-consistency:brand.tagline', 'MEDIUM']]);
  });
});

describe('experience-consistency', () => {
  it('flags channels of one stage whose CSAT differs by more than 15 points when both have 30 responses', () => {
    const findings = experienceConsistency(
      input({
        touchpoints: [tp('a', { channel: 'web' }), tp('b', { channel: 'front_desk' }), tp('c', { channel: 'email' })],
        channelScores: [score('web', 90, 30), score('front_desk', 70, 40), score('email', 10, 29)],
      }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'MEDIUM', fingerprint: 'experience-consistency:s1:CSAT', touchpointIds: ['a', 'b'] });
    expect(findings[0]?.evidence).toMatchObject({ gap: 20, lowest: { channel: 'front_desk', value: 70 }, highest: { channel: 'web', value: 90 } });
  });

  it('does not flag a gap of exactly the threshold, and uses NPS as a second metric', () => {
    const findings = experienceConsistency(
      input({ channelScores: [score('web', 80, 50), score('phone', 65, 50), score('web', 40, 30, 'NPS'), score('phone', -10, 30, 'NPS')] }),
    );
    expect(findings.map((f) => [f.fingerprint, f.severity])).toEqual([['experience-consistency:s1:NPS', 'HIGH']]);
  });

  it('honours configured thresholds', () => {
    const settings = parseAuditSettings({ experienceThreshold: 5, minSample: 10 });
    const findings = experienceConsistency(input({ settings, channelScores: [score('web', 80, 10), score('phone', 74, 10)] }));
    expect(findings).toHaveLength(1);
  });
});

describe('coverage rules', () => {
  it('flags a stage without touchpoints', () => {
    const findings = coverageEmptyStage(input({ stages: [{ id: 's1', name: 'Purchase', position: 1 }, { id: 's2', name: 'Advocacy', position: 2 }] }));
    expect(findings).toEqual([
      { rule: 'coverage-empty-stage', severity: 'MEDIUM', fingerprint: 'coverage-empty-stage:s2', touchpointIds: [], evidence: { stageId: 's2', stage: 'Advocacy', position: 2 } },
    ]);
  });

  it('flags touchpoints without an owner team, blank included', () => {
    const findings = coverageNoOwner([tp('a'), tp('b', { ownerTeam: null }), tp('c', { ownerTeam: '  ' })]);
    expect(findings.map((f) => f.fingerprint)).toEqual(['coverage-no-owner:b', 'coverage-no-owner:c']);
  });

  it('flags touchpoints silent for more than 14 days, and those that never had an event', () => {
    const findings = coverageStaleFeed(input({ touchpoints: [tp('a', { lastEventAt: daysAgo(14) }), tp('b', { lastEventAt: daysAgo(14.01) }), tp('c', { lastEventAt: null })] }));
    expect(findings.map((f) => [f.fingerprint, f.severity])).toEqual([
      ['coverage-stale-feed:b', 'HIGH'],
      ['coverage-stale-feed:c', 'MEDIUM'],
    ]);
    expect(findings[0]?.evidence).toMatchObject({ daysSilent: 14, staleDays: 14 });
  });

  it('runs all rule families together', () => {
    const findings = runConsistencyRules(
      input({
        stages: [{ id: 's1', name: 'Purchase', position: 1 }, { id: 's2', name: 'Advocacy', position: 2 }],
        touchpoints: [tp('a', { facts: { x: 1 } }), tp('b', { facts: { x: 2 }, ownerTeam: null, lastEventAt: null, channel: 'phone' })],
        channelScores: [score('web', 90, 30), score('phone', 50, 30)],
      }),
    );
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['fact-consistency', 'experience-consistency', 'coverage-empty-stage', 'coverage-no-owner', 'coverage-stale-feed']));
  });
});

describe('audit settings', () => {
  it('defaults to the SPEC values and refuses bad ones by name', () => {
    expect(parseAuditSettings(undefined)).toEqual({ experienceThreshold: 15, minSample: 30, staleDays: 14, windowDays: 90 });
    expect(() => parseAuditSettings({ minSample: 0 })).toThrow(/minSample/);
  });
});
