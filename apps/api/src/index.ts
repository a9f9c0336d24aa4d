export { createApp, startApp } from './bootstrap/create-app.js';
export type { CreateAppOptions, RunningApp } from './bootstrap/create-app.js';
export { ensureFirstWorkspace } from './bootstrap/first-workspace.js';
export { readApiConfig } from './config/api-config.js';
export type { ApiConfig } from './config/api-config.js';
