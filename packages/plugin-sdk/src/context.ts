import { createHttpClient } from './http.js';
import type { FetchLike, HttpClient, HttpPolicy } from './http.js';
import { createPluginLogger } from './logger.js';
import type { PluginLogger } from './logger.js';

/** Secret values of an integration, by the keys the plugin declared. */
export type PluginSecrets = Readonly<Record<string, string>>;

/**
 * What a plugin receives on every call: its validated config, decrypted secrets, an HTTP client,
 * a structured logger, the run's abort signal and a clock.
 */
export interface PluginContext<TConfig> {
  /** The integration's configuration, already validated against the plugin's schema. */
  readonly config: TConfig;
  /** Decrypted secrets by key. Never log them: the logger redacts them, other sinks may not. */
  readonly secrets: PluginSecrets;
  /** HTTP client with timeouts, retries, rate limiting and the abort signal applied. */
  readonly http: HttpClient;
  /** Structured logger with secret redaction. */
  readonly logger: PluginLogger;
  /** Aborted when the platform cancels the run; pass it to long operations. */
  readonly signal: AbortSignal;
  /** Current time; use it instead of `Date.now()` so tests can pin the clock. */
  now(): Date;
}

/** Options of {@link createPluginContext}. */
export interface CreateContextOptions<TConfig> {
  config: TConfig;
  secrets?: PluginSecrets;
  signal?: AbortSignal;
  /** Logger to use; default: a pino logger on stdout redacting `secrets`. */
  logger?: PluginLogger;
  /** HTTP policy (usually the plugin's `http` declaration). */
  http?: HttpPolicy;
  /** Underlying fetch for the HTTP client (tests, proxies). */
  fetch?: FetchLike;
  /** Clock; default `() => new Date()`. */
  now?: () => Date;
}

/** Builds a {@link PluginContext}. The host and the test kit call it; plugins never need to. */
export function createPluginContext<TConfig>(options: CreateContextOptions<TConfig>): PluginContext<TConfig> {
  const secrets = options.secrets ?? {};
  const signal = options.signal ?? new AbortController().signal;
  const logger = options.logger ?? createPluginLogger({ secrets: Object.values(secrets) });
  const http = createHttpClient({
    ...options.http,
    signal,
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { config: options.config, secrets, http, logger, signal, now: options.now ?? (() => new Date()) };
}
