import type { AuditFinding, AuditInput, AuditTouchpoint, ChannelScore, Severity } from './types.js';
import { DAY_MS } from '../kpi/types.js';

function factText(value: unknown): string {
  return typeof value === 'string' ? value.trim() : JSON.stringify(value);
}

// (1) The same fact key presents different values on different touchpoints.
export function factConsistency(touchpoints: readonly AuditTouchpoint[]): AuditFinding[] {
  const byKey = new Map<string, Map<string, AuditTouchpoint[]>>();
  for (const tp of touchpoints) {
    for (const [key, value] of Object.entries(tp.facts)) {
      const values = byKey.get(key) ?? new Map<string, AuditTouchpoint[]>();
      const text = factText(value);
      values.set(text, [...(values.get(text) ?? []), tp]);
      byKey.set(key, values);
    }
  }
  const findings: AuditFinding[] = [];
  for (const [key, values] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
    if (values.size < 2) continue;
    const involved = [...values.values()].flat();
    const channels = new Set(involved.map((tp) => tp.channel));
    findings.push({
      rule: 'fact-consistency',
      // Prices and times customers act on cost money when they disagree.
      severity: /^(price|fee|checkin|checkout)\b/i.test(key) || values.size > 2 ? 'HIGH' : 'MEDIUM',
      fingerprint: `fact-consistency:${key}`,
      touchpointIds: sortedIds(involved),
      evidence: {
        factKey: key,
        channels: [...channels].sort(),
        values: [...values].sort(([a], [b]) => a.localeCompare(b)).map(([value, tps]) => ({
          value,
          touchpoints: tps.map((tp) => ({ id: tp.id, key: tp.key, channel: tp.channel })).sort((a, b) => a.key.localeCompare(b.key)),
        })),
      },
    });
  }
  return findings;
}

// (2) Per stage and metric, channels whose scores differ by more than the threshold.
export function experienceConsistency(input: AuditInput): AuditFinding[] {
  const { minSample, experienceThreshold } = input.settings;
  const findings: AuditFinding[] = [];
  for (const stage of [...input.stages].sort((a, b) => a.position - b.position)) {
    for (const metric of ['CSAT', 'NPS'] as const) {
      const scores = input.channelScores.filter(
        (s): s is ChannelScore & { value: number } => s.stageId === stage.id && s.metric === metric && s.value !== null && s.sampleSize >= minSample,
      );
      if (scores.length < 2) continue;
      const sorted = [...scores].sort((a, b) => a.value - b.value || a.channel.localeCompare(b.channel));
      const low = sorted[0];
      const high = sorted[sorted.length - 1];
      if (!low || !high) continue;
      const gap = high.value - low.value;
      if (!(gap > experienceThreshold)) continue;
      const channels = new Set([low.channel, high.channel]);
      const tps = input.touchpoints.filter((tp) => tp.stageId === stage.id && channels.has(tp.channel));
      findings.push({
        rule: 'experience-consistency',
        severity: gap > 2 * experienceThreshold ? 'HIGH' : 'MEDIUM',
        fingerprint: `experience-consistency:${stage.id}:${metric}`,
        touchpointIds: sortedIds(tps),
        evidence: {
          stageId: stage.id,
          stage: stage.name,
          metric,
          gap,
          threshold: experienceThreshold,
          minSample,
          lowest: { channel: low.channel, value: low.value, sampleSize: low.sampleSize },
          highest: { channel: high.channel, value: high.value, sampleSize: high.sampleSize },
          channels: sorted.map((s) => ({ channel: s.channel, value: s.value, sampleSize: s.sampleSize })),
        },
      });
    }
  }
  return findings;
}

// (3a) A stage nobody can meet the customer in.
export function coverageEmptyStage(input: AuditInput): AuditFinding[] {
  return [...input.stages]
    .sort((a, b) => a.position - b.position)
    .filter((stage) => !input.touchpoints.some((tp) => tp.stageId === stage.id))
    .map((stage) => ({
      rule: 'coverage-empty-stage',
      severity: 'MEDIUM',
      fingerprint: `coverage-empty-stage:${stage.id}`,
      touchpointIds: [],
      evidence: { stageId: stage.id, stage: stage.name, position: stage.position },
    }));
}

// (3b) A touchpoint no team owns.
export function coverageNoOwner(touchpoints: readonly AuditTouchpoint[]): AuditFinding[] {
  return byKey(touchpoints)
    .filter((tp) => tp.ownerTeam === null || tp.ownerTeam.trim() === '')
    .map((tp) => ({
      rule: 'coverage-no-owner',
      severity: 'LOW',
      fingerprint: `coverage-no-owner:${tp.id}`,
      touchpointIds: [tp.id],
      evidence: { touchpointKey: tp.key, channel: tp.channel },
    }));
}

// (3c) A touchpoint with no events in the last `staleDays` days: its feed is broken or missing.
export function coverageStaleFeed(input: AuditInput): AuditFinding[] {
  const cutoff = input.now.getTime() - input.settings.staleDays * DAY_MS;
  return byKey(input.touchpoints)
    .filter((tp) => tp.lastEventAt === null || tp.lastEventAt.getTime() < cutoff)
    .map((tp) => {
      const severity: Severity = tp.lastEventAt === null ? 'MEDIUM' : 'HIGH';
      return {
        rule: 'coverage-stale-feed',
        severity,
        fingerprint: `coverage-stale-feed:${tp.id}`,
        touchpointIds: [tp.id],
        evidence: {
          touchpointKey: tp.key,
          channel: tp.channel,
          lastEventAt: tp.lastEventAt?.toISOString() ?? null,
          staleDays: input.settings.staleDays,
          daysSilent: tp.lastEventAt === null ? null : Math.floor((input.now.getTime() - tp.lastEventAt.getTime()) / DAY_MS),
        },
      };
    });
}

// Every rule of SPEC §3 over one journey, in a stable order.
export function runConsistencyRules(input: AuditInput): AuditFinding[] {
  return [
    ...factConsistency(input.touchpoints),
    ...experienceConsistency(input),
    ...coverageEmptyStage(input),
    ...coverageNoOwner(input.touchpoints),
    ...coverageStaleFeed(input),
  ];
}

function sortedIds(tps: readonly AuditTouchpoint[]): string[] {
  return [...new Set(tps.map((tp) => tp.id))].sort();
}

function byKey(tps: readonly AuditTouchpoint[]): AuditTouchpoint[] {
  return [...tps].sort((a, b) => a.key.localeCompare(b.key));
}
