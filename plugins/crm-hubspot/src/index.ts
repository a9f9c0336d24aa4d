export { plugin } from './plugin.js';
export { hubspotConfigSchema } from './config.js';
export type { EngagementType, HubSpotConfig } from './config.js';
export { keysetCursorSchema } from './keyset.js';
export type { KeysetCursor } from './keyset.js';
