export type { BenchArea, BenchContext, BenchMetric, BenchReport } from './harness/types.js';
export { infoMetric, percentile, time, timeMetric } from './harness/measure.js';
export type { Timing } from './harness/measure.js';
export { buildReport, formatTable, writeReport } from './harness/report.js';
export { runAreas, selectAreas } from './harness/run.js';
export { databaseExists, databaseUrl, dropDatabase, recreateDatabase } from './harness/postgres.js';
export { BENCH_AREAS } from './areas/index.js';
