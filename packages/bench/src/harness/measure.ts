import { performance } from 'node:perf_hooks';

export interface Timing {
  p50: number;
  p95: number;
  samples: number[];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

// Runs fn `warmup` times unmeasured, then `iterations` times, and reports ms percentiles.
export async function time(fn: () => Promise<unknown>, options: { iterations: number; warmup?: number }): Promise<Timing> {
  for (let i = 0; i < (options.warmup ?? 1); i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < options.iterations; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), samples };
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function timeMetric(metric: string, value: number, baseline: number | null, target: { maxMs?: number; minSpeedup?: number }) {
  const ratio = baseline === null ? null : round(baseline / value, 2);
  const checks: { text: string; ok: boolean }[] = [];
  if (target.maxMs !== undefined) checks.push({ text: `≤ ${target.maxMs} ms`, ok: value <= target.maxMs });
  if (target.minSpeedup !== undefined) checks.push({ text: `≥ ${target.minSpeedup}× faster than baseline`, ok: ratio !== null && ratio >= target.minSpeedup });
  return {
    metric,
    value: round(value),
    unit: 'ms',
    baseline: baseline === null ? null : round(baseline),
    ratio,
    target: checks.length === 0 ? null : checks.map((c) => c.text).join(' and '),
    met: checks.length === 0 ? null : checks.every((c) => c.ok),
  };
}

export function infoMetric(metric: string, value: number, unit: string) {
  return { metric, value: round(value), unit, baseline: null, ratio: null, target: null, met: null };
}
