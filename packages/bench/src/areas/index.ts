// Registry of benchmark areas. To add one: write src/areas/<area>.ts exporting a BenchArea
// (name, description, run(context) → BenchMetric[]) and add it to this list.
import type { BenchArea } from '../harness/types.js';
import { apiArea } from './api.js';
import { consoleArea } from './console.js';
import { ingestArea } from './ingest.js';
import { kpiArea } from './kpi.js';
import { workflowsArea } from './workflows.js';

export const BENCH_AREAS: readonly BenchArea[] = [ingestArea, kpiArea, apiArea, consoleArea, workflowsArea];
