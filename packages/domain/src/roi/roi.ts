import { seededRandom } from './random.js';

export class RoiError extends Error {
  readonly code = 'INVALID_ARGUMENT';

  constructor(message: string) {
    super(message);
    this.name = 'RoiError';
  }
}

export interface RoiInput {
  /** Revenue at the initiative's touchpoints per period (e.g. per day) of the evaluation window. */
  evaluationRevenue: readonly number[];
  /** The same for the baseline window of equal length just before the start. */
  baselineRevenue: readonly number[];
  evaluationLengthMs: number;
  baselineLengthMs: number;
  cost: number;
  seed?: number;
  iterations?: number;
}

export interface RoiResult {
  roi: number | null;
  incrementalRevenue: number;
  ciLow: number | null;
  ciHigh: number | null;
}

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

// incremental = evaluation revenue − baseline revenue × (evaluation length / baseline length).
export function incrementalRevenue(evaluation: number, baseline: number, evaluationLengthMs: number, baselineLengthMs: number): number {
  if (!(evaluationLengthMs > 0) || !(baselineLengthMs > 0)) throw new RoiError('evaluation and baseline windows must have a positive length');
  return evaluation - baseline * (evaluationLengthMs / baselineLengthMs);
}

export function roiFromIncremental(incremental: number, cost: number): number | null {
  return cost === 0 ? null : (incremental - cost) / cost;
}

function resampleSum(values: readonly number[], random: () => number): number {
  let total = 0;
  for (let i = 0; i < values.length; i += 1) total += values[Math.floor(random() * values.length)] ?? 0;
  return total;
}

function percentile(sorted: readonly number[], p: number): number {
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? 0;
  return a + (b - a) * (rank - lo);
}

// 95% percentile bootstrap: resample the periods of each window with replacement.
export function bootstrapIncrementalCi(input: RoiInput): { ciLow: number | null; ciHigh: number | null } {
  if (input.evaluationRevenue.length === 0 || input.baselineRevenue.length === 0) return { ciLow: null, ciHigh: null };
  const random = seededRandom(input.seed ?? 42);
  const iterations = input.iterations ?? 2000;
  const ratio = input.evaluationLengthMs / input.baselineLengthMs;
  const draws: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    draws.push(resampleSum(input.evaluationRevenue, random) - resampleSum(input.baselineRevenue, random) * ratio);
  }
  draws.sort((a, b) => a - b);
  return { ciLow: percentile(draws, 0.025), ciHigh: percentile(draws, 0.975) };
}

export function computeRoiFromRevenue(input: RoiInput): RoiResult {
  if (!Number.isFinite(input.cost) || input.cost < 0) throw new RoiError(`cost must be a non-negative number, got ${input.cost}`);
  const incremental = incrementalRevenue(sum(input.evaluationRevenue), sum(input.baselineRevenue), input.evaluationLengthMs, input.baselineLengthMs);
  return { roi: roiFromIncremental(incremental, input.cost), incrementalRevenue: incremental, ...bootstrapIncrementalCi(input) };
}
