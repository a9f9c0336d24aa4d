import { describe, expect, it } from 'vitest';
import { diffFindings } from './diff.js';
import type { AuditFinding, DiffedFinding } from './types.js';

const finding = (fingerprint: string, severity: AuditFinding['severity'] = 'LOW'): AuditFinding => ({
  rule: 'coverage-no-owner',
  severity,
  fingerprint,
  touchpointIds: [],
  evidence: {},
});

describe('diffFindings', () => {
  it('marks findings NEW, PERSISTING and RESOLVED against the previous audit', () => {
    const previous: DiffedFinding[] = [{ ...finding('a'), change: 'NEW' }, { ...finding('b'), change: 'PERSISTING' }];
    const diffed = diffFindings([finding('a', 'HIGH'), finding('c')], previous);
    expect(diffed.map((f) => [f.fingerprint, f.change, f.severity])).toEqual([
      ['a', 'PERSISTING', 'HIGH'],
      ['c', 'NEW', 'LOW'],
      ['b', 'RESOLVED', 'LOW'],
    ]);
  });

  it('treats a finding that was already resolved and comes back as NEW, and drops old resolutions', () => {
    const previous: DiffedFinding[] = [{ ...finding('a'), change: 'RESOLVED' }, { ...finding('b'), change: 'RESOLVED' }];
    expect(diffFindings([finding('a')], previous).map((f) => [f.fingerprint, f.change])).toEqual([['a', 'NEW']]);
  });

  it('marks everything NEW on a first audit', () => {
    expect(diffFindings([finding('a')], []).map((f) => f.change)).toEqual(['NEW']);
  });
});
