// One figure of a benchmark area, as written to packages/bench/results/<area>.json.
export interface BenchMetric {
  metric: string;
  value: number;
  unit: string;
  /** The same work done the plain way, measured in the same run (null when there is none). */
  baseline: number | null;
  /** baseline / value for times (how many times faster), value / baseline otherwise; null without a baseline. */
  ratio: number | null;
  /** Human-readable target, e.g. "≤ 50 ms" or "≥ 20×"; null when the figure is informational. */
  target: string | null;
  /** Whether the target was met; null when there is no target. */
  met: boolean | null;
}

export interface BenchContext {
  /** Connection string of a PostgreSQL server role that may create databases. */
  adminUrl: string;
  log: (message: string) => void;
}

export interface BenchArea {
  name: string;
  description: string;
  run(context: BenchContext): Promise<BenchMetric[]>;
}

export interface BenchReport {
  area: string;
  generatedAt: string;
  machine: { cpus: number; memoryBytes: number; node: string };
  results: BenchMetric[];
}
