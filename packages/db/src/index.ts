export * from './backup/index.js';
export * from './kpi/index.js';
export * from './demo/index.js';
