import type { BenchArea } from './types.js';
import { buildReport, formatTable, writeReport } from './report.js';

export interface RunOptions {
  adminUrl: string;
  resultsDir: string;
  log: (message: string) => void;
}

export function selectAreas(areas: readonly BenchArea[], names: readonly string[]): BenchArea[] {
  if (names.length === 0) return [...areas];
  return names.map((name) => {
    const area = areas.find((a) => a.name === name);
    if (!area) throw new Error(`unknown bench area "${name}"; known areas: ${areas.map((a) => a.name).join(', ')}`);
    return area;
  });
}

// Runs each area, prints its table and writes its JSON; true when an area threw. Missed targets
// are reported in the table and JSON, they do not fail the run.
export async function runAreas(areas: readonly BenchArea[], names: readonly string[], options: RunOptions): Promise<boolean> {
  let failed = false;
  for (const area of selectAreas(areas, names)) {
    options.log(`\n▶ ${area.name}: ${area.description}`);
    try {
      const report = buildReport(area.name, await area.run({ adminUrl: options.adminUrl, log: options.log }));
      const file = writeReport(options.resultsDir, report);
      options.log(`${formatTable(report)}\n→ ${file}`);
    } catch (error) {
      failed = true;
      options.log(`✖ ${area.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  return failed;
}
