export { createWaymarkWorker, workerSettings } from './worker.js';
export type { RunningWorker, StartWorkerOptions, WorkerSettings } from './worker.js';
