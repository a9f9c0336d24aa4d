import type { Finding, FindingChange } from '$lib/graphql/types.js';

export const RULE_LABEL: Record<string, string> = {
  'fact-consistency': 'Inconsistent brand fact',
  'experience-consistency': 'Channel experience gap',
  'coverage-empty-stage': 'Stage without touchpoints',
  'coverage-no-owner': 'Touchpoint without owner',
  'coverage-stale-feed': 'Stale data feed',
};

// Evidence is free-form JSON; show it as "key: value" pairs a reader can scan.
export function describeEvidence(evidence: unknown): string {
  if (evidence === null || evidence === undefined) return '';
  if (typeof evidence !== 'object') return String(evidence);
  if (Array.isArray(evidence)) return evidence.map(describeEvidence).join('; ');
  return Object.entries(evidence)
    .map(([key, value]) => `${key}: ${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
}

export function countByChange(findings: Finding[]): Record<FindingChange, number> {
  const counts: Record<FindingChange, number> = { NEW: 0, PERSISTING: 0, RESOLVED: 0 };
  for (const finding of findings) counts[finding.change] += 1;
  return counts;
}
