export const AUDIT_RULES = ['fact-consistency', 'experience-consistency', 'coverage-empty-stage', 'coverage-no-owner', 'coverage-stale-feed'] as const;
export type AuditRule = (typeof AUDIT_RULES)[number];

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type FindingChange = 'NEW' | 'PERSISTING' | 'RESOLVED';

export interface AuditStage {
  id: string;
  name: string;
  position: number;
}

export interface AuditTouchpoint {
  id: string;
  key: string;
  stageId: string;
  channel: string;
  ownerTeam: string | null;
  facts: Readonly<Record<string, unknown>>;
  // Most recent event at this touchpoint, null when it never had one.
  lastEventAt: Date | null;
}

// CSAT or NPS of one channel within one stage over the audit window.
export interface ChannelScore {
  stageId: string;
  channel: string;
  metric: 'CSAT' | 'NPS';
  value: number | null;
  sampleSize: number;
}

export interface AuditSettings {
  // Points by which channels of one stage may differ before it is a finding (SPEC default 15).
  experienceThreshold: number;
  // Responses a channel needs before its score is compared (SPEC default 30).
  minSample: number;
  // Days without events after which a touchpoint's feed counts as broken (SPEC default 14).
  staleDays: number;
  // Days of events the experience scores are computed over (ending at the audit time).
  windowDays: number;
}

export interface AuditInput {
  stages: readonly AuditStage[];
  touchpoints: readonly AuditTouchpoint[];
  channelScores: readonly ChannelScore[];
  now: Date;
  settings: AuditSettings;
}

export interface AuditFinding {
  rule: AuditRule;
  severity: Severity;
  // Stable identity of "the same finding" across audits: rule plus subject.
  fingerprint: string;
  touchpointIds: string[];
  evidence: Record<string, unknown>;
}

export interface DiffedFinding extends AuditFinding {
  change: FindingChange;
}
