import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchArea, BenchContext, BenchMetric } from '../harness/types.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const TARGET_MS = 1500;
const FIELDS = ['runs', 'dashboardFirstLoadMs', 'signInFirstLoadMs', 'dashboardChartsDrawnMs', 'dashboardJsKb', 'signInJsKb'] as const;

type ConsoleMeasurement = Record<(typeof FIELDS)[number], number>;

export interface ConsoleBenchOptions {
  /** Measured loads of each page (after one warm-up load of the dashboard). */
  runs: number;
}

function isMeasurement(value: unknown): value is ConsoleMeasurement {
  if (typeof value !== 'object' || value === null) return false;
  return FIELDS.every((key) => key in value && typeof Reflect.get(value, key) === 'number');
}

// The console's own script starts the real stack on the demo data and drives Debian's Chromium;
// it prints one JSON object on its last stdout line.
function runConsoleScript(log: (message: string) => void, runs: number): Promise<ConsoleMeasurement> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [join(root, 'apps/console/scripts/bench.mjs')], {
      cwd: join(root, 'apps/console'),
      env: { ...process.env, WAYMARK_BENCH_CONSOLE_RUNS: String(runs) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`apps/console/scripts/bench.mjs exited with ${code}: ${last}`));
      let parsed: unknown;
      try {
        parsed = JSON.parse(last);
      } catch (cause) {
        return reject(new Error(`console bench printed no JSON result: ${last}`, { cause }));
      }
      if (!isMeasurement(parsed)) return reject(new Error(`unexpected console bench output: ${last}`));
      done(parsed);
    });
  });
}

const round = (n: number) => Math.round(n * 10) / 10;

export function consoleMetrics(m: ConsoleMeasurement): BenchMetric[] {
  return [
    {
      metric: `dashboard first load (navigation start → load event, median of ${m.runs}; baseline: sign-in page)`,
      value: round(m.dashboardFirstLoadMs), unit: 'ms', baseline: round(m.signInFirstLoadMs),
      ratio: round(m.signInFirstLoadMs / m.dashboardFirstLoadMs), target: `< ${TARGET_MS} ms`, met: m.dashboardFirstLoadMs < TARGET_MS,
    },
    {
      metric: `dashboard complete (every panel loaded and charts drawn, median of ${m.runs})`,
      value: round(m.dashboardChartsDrawnMs), unit: 'ms', baseline: null, ratio: null, target: null, met: null,
    },
    {
      metric: 'JavaScript sent to the browser by the dashboard (encoded; baseline: sign-in page)',
      value: round(m.dashboardJsKb), unit: 'KB', baseline: round(m.signInJsKb), ratio: round(m.dashboardJsKb / m.signInJsKb), target: null, met: null,
    },
  ];
}

export async function runConsoleBench({ log }: Pick<BenchContext, 'log'>, options: ConsoleBenchOptions): Promise<BenchMetric[]> {
  return consoleMetrics(await runConsoleScript(log, options.runs));
}

export const consoleArea: BenchArea = {
  name: 'console',
  description: 'dashboard first load in Chromium on the demo data (navigation timing), and the JavaScript sent',
  run: (context) => runConsoleBench(context, { runs: Number(process.env['WAYMARK_BENCH_CONSOLE_RUNS'] ?? 7) }),
};
