export { plugin } from './plugin.js';
export { fileImportConfigSchema } from './config.js';
export type { FileCursor, FileImportConfig } from './config.js';
