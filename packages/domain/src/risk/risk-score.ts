export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

// What one touchpoint showed over the assessment window (and, for the trend, the window before).
export interface RiskSignals {
  touchpointId: string;
  touchpointKey: string;
  volume: number;
  // Events with a sentiment score, and those below zero.
  sentimentResponses: number;
  negativeResponses: number;
  complaints: number;
  // CSAT (or NPS) now minus the previous window, in points; null without both.
  kpiTrend: number | null;
}

export interface RiskComponents {
  negativeShare: number | null;
  complaintRate: number | null;
  kpiTrend: number | null;
  exposure: number;
}

export interface TouchpointRiskScore {
  touchpointId: string;
  touchpointKey: string;
  rank: number;
  // 0..100; higher is riskier.
  score: number;
  level: RiskLevel;
  components: RiskComponents;
}

// Weights of the experience signals; exposure (volume) scales their sum between half and full.
export const RISK_WEIGHTS = { negativeShare: 0.35, complaintRate: 0.35, kpiTrend: 0.3 } as const;
// A complaint rate of 20% and a 20-point KPI drop saturate their components.
const COMPLAINT_SATURATION = 0.2;
const TREND_SATURATION = 20;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

export function riskLevel(score: number): RiskLevel {
  if (score >= 75) return 'CRITICAL';
  if (score >= 50) return 'HIGH';
  if (score >= 25) return 'MEDIUM';
  return 'LOW';
}

function scoreOne(signals: RiskSignals, maxVolume: number): Omit<TouchpointRiskScore, 'rank'> {
  const negativeShare = signals.sentimentResponses > 0 ? signals.negativeResponses / signals.sentimentResponses : null;
  const complaintRate = signals.volume > 0 ? signals.complaints / signals.volume : null;
  const exposure = maxVolume > 0 ? Math.log1p(signals.volume) / Math.log1p(maxVolume) : 0;
  const experience =
    RISK_WEIGHTS.negativeShare * (negativeShare ?? 0) +
    RISK_WEIGHTS.complaintRate * clamp01((complaintRate ?? 0) / COMPLAINT_SATURATION) +
    RISK_WEIGHTS.kpiTrend * clamp01(-(signals.kpiTrend ?? 0) / TREND_SATURATION);
  // A silent touchpoint carries no measured risk; exposure only scales what was measured.
  const score = signals.volume === 0 ? 0 : Math.round(1000 * experience * (0.5 + 0.5 * exposure)) / 10;
  return {
    touchpointId: signals.touchpointId,
    touchpointKey: signals.touchpointKey,
    score,
    level: riskLevel(score),
    components: { negativeShare, complaintRate, kpiTrend: signals.kpiTrend, exposure },
  };
}

// The ranked risk register: highest score first, ties by touchpoint key; rank starts at 1.
export function rankRisks(signals: readonly RiskSignals[]): TouchpointRiskScore[] {
  const maxVolume = Math.max(0, ...signals.map((s) => s.volume));
  return signals
    .map((s) => scoreOne(s, maxVolume))
    .sort((a, b) => b.score - a.score || a.touchpointKey.localeCompare(b.touchpointKey))
    .map((s, i) => ({ ...s, rank: i + 1 }));
}
