import type { Metric } from '$lib/graphql/types.js';

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const compactMoney = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 1 });
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export const METRIC_LABEL: Record<Metric, string> = {
  NPS: 'NPS',
  CSAT: 'CSAT',
  CES: 'CES',
  SENTIMENT: 'Sentiment',
  VOLUME: 'Volume',
  REVENUE: 'Revenue',
  CONVERSION_RATE: 'Conversion',
};

export function formatMetric(metric: Metric, value: number | null): string {
  if (value === null) return '—';
  switch (metric) {
    case 'REVENUE':
      return Math.abs(value) >= 100_000 ? compactMoney.format(value) : money.format(value);
    case 'CONVERSION_RATE':
      return `${number.format(value * 100)}%`;
    case 'CSAT':
      return `${number.format(value)}%`;
    case 'CES':
    case 'SENTIMENT':
      return value.toFixed(2);
    default:
      return number.format(value);
  }
}

export function formatMoney(value: number | null): string {
  return value === null ? '—' : money.format(value);
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? '—' : `${number.format(ratio * 100)}%`;
}

export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
}

// Change against the previous period; for CES lower is better.
export interface Trend {
  delta: number;
  text: string;
  direction: 'up' | 'down' | 'flat';
  good: boolean | null;
}

export function trendOf(metric: Metric, current: number | null, previous: number | null): Trend | null {
  if (current === null || previous === null) return null;
  const delta = current - previous;
  const direction = Math.abs(delta) < 1e-9 ? 'flat' : delta > 0 ? 'up' : 'down';
  const lowerIsBetter = metric === 'CES';
  const good = direction === 'flat' ? null : (direction === 'up') !== lowerIsBetter;
  const text = metricDelta(metric, delta, previous);
  return { delta, text, direction, good };
}

function metricDelta(metric: Metric, delta: number, previous: number): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const abs = Math.abs(delta);
  if (metric === 'REVENUE') return previous === 0 ? `${sign}${money.format(abs)}` : `${sign}${number.format((abs / Math.abs(previous)) * 100)}%`;
  if (metric === 'CONVERSION_RATE') return `${sign}${number.format(abs * 100)} pts`;
  if (metric === 'CSAT' || metric === 'NPS') return `${sign}${number.format(abs)} pts`;
  return `${sign}${abs.toFixed(2)}`;
}

// A KPI's change between two periods (an ROI report's KPI deltas), in the metric's own unit.
export function formatKpiChange(metric: Metric, delta: number | null): string {
  if (delta === null) return 'no data';
  return metricDelta(metric, Math.abs(delta) < 5e-4 ? 0 : delta, 1);
}
