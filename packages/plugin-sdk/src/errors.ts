/**
 * Stable error codes a plugin (or the SDK on its behalf) reports. The platform maps them to
 * sync-run outcomes and retry decisions; never change the meaning of an existing code.
 *
 * - `config_invalid`: the integration's configuration does not match the plugin's schema.
 * - `secret_missing`: a required secret was not provided.
 * - `auth_failed`: the upstream service refused the credentials (HTTP 401/403).
 * - `rate_limited`: the upstream service kept answering 429 after the retries.
 * - `upstream_unavailable`: network failure, timeout or 5xx after the retries.
 * - `upstream_error`: the upstream service answered with an unexpected status or payload.
 * - `bad_record`: one record could not be normalised (usually reported as a rejected record).
 * - `cursor_invalid`: a stored cursor cannot be used to resume the stream.
 * - `aborted`: the run was cancelled through the context's abort signal.
 * - `not_supported`: the plugin does not offer the requested capability.
 * - `plugin_invalid`: the plugin definition itself is malformed.
 */
export const PLUGIN_ERROR_CODES = [
  'config_invalid',
  'secret_missing',
  'auth_failed',
  'rate_limited',
  'upstream_unavailable',
  'upstream_error',
  'bad_record',
  'cursor_invalid',
  'aborted',
  'not_supported',
  'plugin_invalid',
] as const;

/** One of {@link PLUGIN_ERROR_CODES}. */
export type PluginErrorCode = (typeof PLUGIN_ERROR_CODES)[number];

/** Codes after which the platform retries the sync later (the failure is expected to pass). */
const RETRYABLE_CODES: ReadonlySet<PluginErrorCode> = new Set(['rate_limited', 'upstream_unavailable']);

/** Options of {@link PluginError}. */
export interface PluginErrorOptions {
  /** The underlying error, kept for logs. */
  cause?: unknown;
  /** Machine-readable details (e.g. config issues, HTTP status); never put secrets here. */
  details?: Record<string, unknown>;
}

/**
 * The only error type a plugin should throw. Its `code` is stable and machine-readable; its
 * `message` is written for the person who configures the integration.
 *
 * @example
 * ```ts
 * throw new PluginError('auth_failed', 'HubSpot refused the access token: create a new private app token.');
 * ```
 */
export class PluginError extends Error {
  /** Stable string code, one of {@link PLUGIN_ERROR_CODES}. */
  readonly code: PluginErrorCode;
  /** Machine-readable details, safe to show and log. */
  readonly details: Record<string, unknown>;

  constructor(code: PluginErrorCode, message: string, options: PluginErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PluginError';
    this.code = code;
    this.details = options.details ?? {};
  }

  /** True when retrying later may succeed (`rate_limited`, `upstream_unavailable`). */
  get retryable(): boolean {
    return RETRYABLE_CODES.has(this.code);
  }
}

/** True when `error` is a {@link PluginError} (also across duplicated SDK copies). */
export function isPluginError(error: unknown): error is PluginError {
  if (error instanceof PluginError) return true;
  if (!(error instanceof Error) || error.name !== 'PluginError') return false;
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' && PLUGIN_ERROR_CODES.some((known) => known === code);
}
