import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchMetric, BenchReport } from './types.js';

export function buildReport(area: string, results: BenchMetric[]): BenchReport {
  return {
    area,
    generatedAt: new Date().toISOString(),
    machine: { cpus: availableParallelism(), memoryBytes: totalmem(), node: process.version },
    results,
  };
}

export function writeReport(dir: string, report: BenchReport): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.area}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

const show = (v: number | boolean | string | null): string => (v === null ? '–' : String(v));

export function formatTable(report: BenchReport): string {
  const header = ['metric', 'value', 'unit', 'baseline', 'ratio', 'target', 'met'];
  const rows = report.results.map((r) => [r.metric, show(r.value), r.unit, show(r.baseline), show(r.ratio), show(r.target), r.met === null ? '–' : r.met ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  const title = `${report.area} — ${report.machine.cpus} CPUs, ${Math.round(report.machine.memoryBytes / 2 ** 30)} GiB`;
  return [title, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
