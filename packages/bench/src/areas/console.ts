import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchArea, BenchMetric } from '../harness/types.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const TARGET_MS = 1500;

interface ConsoleMeasurement {
  runs: number;
  dashboardFirstLoadMs: number;
  signInFirstLoadMs: number;
  dashboardJsKb: number;
  signInJsKb: number;
}

function isMeasurement(value: unknown): value is ConsoleMeasurement {
  if (typeof value !== 'object' || value === null) return false;
  return ['runs', 'dashboardFirstLoadMs', 'signInFirstLoadMs', 'dashboardJsKb', 'signInJsKb'].every(
    (key) => key in value && typeof Reflect.get(value, key) === 'number',
  );
}

// The console's own script starts the real stack on the demo data and drives Chromium.
function runConsoleScript(log: (message: string) => void): Promise<ConsoleMeasurement> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [join(root, 'apps/console/scripts/bench.mjs')], { cwd: join(root, 'apps/console'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`apps/console/scripts/bench.mjs exited with ${code}: ${last}`));
      const parsed: unknown = JSON.parse(last);
      if (!isMeasurement(parsed)) return reject(new Error(`unexpected console bench output: ${last}`));
      done(parsed);
    });
  });
}

const round = (n: number) => Math.round(n * 10) / 10;

export const consoleArea: BenchArea = {
  name: 'console',
  description: 'dashboard first load in Chromium on the demo data (navigation timing), and the JavaScript sent',
  async run({ log }): Promise<BenchMetric[]> {
    const m = await runConsoleScript(log);
    const loadMet = m.dashboardFirstLoadMs < TARGET_MS;
    return [
      {
        metric: `dashboard first load (median of ${m.runs}, vs sign-in page)`,
        value: round(m.dashboardFirstLoadMs), unit: 'ms', baseline: round(m.signInFirstLoadMs),
        ratio: round(m.signInFirstLoadMs / m.dashboardFirstLoadMs), target: `< ${TARGET_MS} ms`, met: loadMet,
      },
      { metric: 'dashboard JavaScript sent', value: round(m.dashboardJsKb), unit: 'KB', baseline: round(m.signInJsKb), ratio: round(m.dashboardJsKb / m.signInJsKb), target: null, met: null },
    ];
  },
};
