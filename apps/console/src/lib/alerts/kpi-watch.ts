import type { KpiWatchRun } from '$lib/graphql/types.js';

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

// The result line of a manual KPI watch, e.g. "12 thresholds checked, 1 alert opened, 0 resolved".
export function kpiWatchSummary(run: KpiWatchRun): string {
  return `${count(run.checked, 'threshold', 'thresholds')} checked, ${count(run.opened, 'alert', 'alerts')} opened, ${run.resolved.toLocaleString('en-US')} resolved`;
}
