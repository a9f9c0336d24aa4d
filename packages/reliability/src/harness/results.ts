import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const resultsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../results');

export interface Figure {
  metric: string;
  value: number;
  unit: string;
}

// Writes results/<area>.json and prints the figures, so CI's log carries them too.
export function writeFigures(area: string, figures: Figure[], details: Record<string, unknown> = {}): void {
  mkdirSync(resultsDir, { recursive: true });
  const report = { area, measuredAt: new Date().toISOString(), cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), figures, ...details };
  writeFileSync(join(resultsDir, `${area}.json`), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n[reliability] ${area}\n${figures.map((f) => `  ${f.metric}: ${f.value} ${f.unit}`).join('\n')}\n`);
}
