export type { DedicatedPostgres } from './harness/dedicated-postgres.js';
export { startDedicatedPostgres } from './harness/dedicated-postgres.js';
export { freePort } from './harness/free-port.js';
export type { Figure } from './harness/results.js';
export { writeFigures } from './harness/results.js';
