import type { Finding, FindingChange } from '$lib/graphql/types.js';

export const RULE_LABEL: Record<string, string> = {
  'fact-consistency': 'Inconsistent brand fact',
  'experience-consistency': 'Channel experience gap',
  'coverage-empty-stage': 'Stage without touchpoints',
  'coverage-no-owner': 'Touchpoint without owner',
  'coverage-stale-feed': 'Stale data feed',
};

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');
const channelName = (value: unknown): string => text(value).replaceAll('_', ' ');
const score = (metric: unknown, value: unknown): string => {
  if (typeof value !== 'number') return '–';
  return metric === 'CSAT' ? `${value.toFixed(1)}%` : value.toFixed(1);
};
const day = (iso: unknown): string => (typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? new Date(iso).toISOString().slice(0, 10) : '');

// One sentence per rule of the audit (packages/domain/src/audit/rules.ts), so a reader never sees ids or JSON.
const BY_RULE: Record<string, (e: Fields) => string> = {
  'fact-consistency': (e) => {
    const values = Array.isArray(e.values) ? e.values.filter(isFields) : [];
    const said = values.map((v) => {
      const channels = Array.isArray(v.touchpoints) ? [...new Set(v.touchpoints.filter(isFields).map((tp) => channelName(tp.channel)))] : [];
      return `“${text(v.value)}”${channels.length ? ` (${channels.join(', ')})` : ''}`;
    });
    return `${text(e.factKey)} is given as ${said.join(' vs ')}`;
  },
  'experience-consistency': (e) => {
    const low = isFields(e.lowest) ? e.lowest : {};
    const high = isFields(e.highest) ? e.highest : {};
    const gap = typeof e.gap === 'number' ? e.gap.toFixed(1) : '?';
    return `${text(e.stage)} ${text(e.metric)}: ${channelName(low.channel)} ${score(e.metric, low.value)} vs ${channelName(high.channel)} ${score(e.metric, high.value)} — a ${gap}-point gap (threshold ${text(e.threshold)})`;
  },
  'coverage-empty-stage': (e) => `Stage “${text(e.stage)}” has no touchpoint`,
  'coverage-no-owner': (e) => `${text(e.touchpointKey)} (${channelName(e.channel)}) has no owner team`,
  'coverage-stale-feed': (e) =>
    e.lastEventAt === null
      ? `${text(e.touchpointKey)} (${channelName(e.channel)}) has never received an event`
      : `${text(e.touchpointKey)} (${channelName(e.channel)}): no events for ${text(e.daysSilent)} days, last on ${day(e.lastEventAt)} (limit ${text(e.staleDays)} days)`,
};

// Other rules: the scalar fields as "key: value" pairs; nested values and ids left out.
function genericEvidence(evidence: Fields): string {
  return Object.entries(evidence)
    .filter(([key, value]) => !/id$|ids$/i.test(key) && text(value) !== '')
    .map(([key, value]) => `${key}: ${text(value)}`)
    .join(' · ');
}

export function describeEvidence(evidence: unknown, rule = ''): string {
  if (evidence === null || evidence === undefined) return '';
  if (!isFields(evidence)) return Array.isArray(evidence) ? evidence.map((e) => describeEvidence(e)).join('; ') : text(evidence);
  const describe = BY_RULE[rule];
  return describe ? describe(evidence) : genericEvidence(evidence);
}

export function countByChange(findings: Finding[]): Record<FindingChange, number> {
  const counts: Record<FindingChange, number> = { NEW: 0, PERSISTING: 0, RESOLVED: 0 };
  for (const finding of findings) counts[finding.change] += 1;
  return counts;
}
