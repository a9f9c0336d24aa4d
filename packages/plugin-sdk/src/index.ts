// Public API of @waymark/plugin-sdk. The test kit is a separate entry: @waymark/plugin-sdk/testkit.
export { EVENT_KINDS, PLUGIN_CATEGORIES } from './contract.js';
export type { EventKind, IdentityLink, NormalizedEvent, Page, PluginCategory, RejectedRecord } from './contract.js';
export { definePlugin, defineStream } from './define-plugin.js';
export type {
  ConfigIssue,
  ConfigParseResult,
  PluginDefinition,
  PluginSpec,
  SecretDeclaration,
  StreamDefinition,
  WebhookCapability,
  WebhookRequest,
  WebhookResult,
} from './define-plugin.js';
export { createPluginContext } from './context.js';
export type { CreateContextOptions, PluginContext, PluginSecrets } from './context.js';
export { createHttpClient, httpStatusError, toPluginError } from './http.js';
export type { FetchLike, HttpClient, HttpClientOptions, HttpPolicy, HttpRequestOptions, RateLimit } from './http.js';
export { createPluginLogger, REDACTED, secretRedactor } from './logger.js';
export type { LogFields, LogLevel, PluginLogger, PluginLoggerOptions } from './logger.js';
export { isPluginError, PLUGIN_ERROR_CODES, PluginError } from './errors.js';
export type { PluginErrorCode, PluginErrorOptions } from './errors.js';
export { customerRefSchema, formatIssues, normalizedEventSchema, validateEvent } from './event-schema.js';
export type { EventValidation } from './event-schema.js';
export { isPluginDefinition, pluginDefinitionProblems } from './plugin-guard.js';
