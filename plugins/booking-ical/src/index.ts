export { plugin } from './plugin.js';
export { icalConfigSchema } from './config.js';
export type { IcalConfig } from './config.js';
export { feedCursorSchema } from './streams/reservations.js';
export type { FeedCursor } from './streams/reservations.js';
