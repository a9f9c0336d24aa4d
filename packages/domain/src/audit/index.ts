export * from './types.js';
export * from './settings.js';
export * from './rules.js';
export * from './diff.js';
