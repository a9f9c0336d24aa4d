export { plugin } from './plugin.js';
export { mastodonConfigSchema } from './config.js';
export type { MastodonConfig } from './config.js';
export { mentionsCursorSchema } from './streams/mentions.js';
export type { MentionsCursor } from './streams/mentions.js';
export { scoreSentiment } from './sentiment-score.js';
export type { SentimentScore } from './sentiment-score.js';
