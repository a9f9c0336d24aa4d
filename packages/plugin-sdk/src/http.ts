import ky, { HTTPError, TimeoutError } from 'ky';
import type { KyInstance, Options as KyOptions } from 'ky';
import pThrottle from 'p-throttle';
import type { z } from 'zod';
import { PluginError } from './errors.js';
import { formatIssues } from './event-schema.js';
import type { PluginLogger } from './logger.js';

/** A `fetch`-compatible function. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Rate limit: at most `limit` requests (retries included) per `intervalMs`. */
export interface RateLimit {
  limit: number;
  intervalMs: number;
}

/** HTTP behaviour a plugin declares in its definition (all optional). */
export interface HttpPolicy {
  /** Timeout of one attempt in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt (429, 408, 5xx, network errors, timeouts). Default 4. */
  retries?: number;
  /** Upper bound of one backoff delay in milliseconds. Default 30 000. */
  backoffLimitMs?: number;
  /** Longest `Retry-After` the client waits; a longer one fails with `rate_limited`. Default 120 000. */
  maxRetryAfterMs?: number;
  /** Client-side rate limit, applied to every attempt. Default: none. */
  rateLimit?: RateLimit;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions extends HttpPolicy {
  /** Cancels in-flight requests and backoff waits. */
  signal?: AbortSignal;
  /** Receives one debug line per retry. */
  logger?: PluginLogger;
  /** Underlying fetch (tests, proxies). Default: global `fetch`. */
  fetch?: FetchLike;
  /** Headers sent with every request (e.g. `user-agent`). */
  headers?: Record<string, string>;
}

/** Per-request options of {@link HttpClient} helpers. */
export interface HttpRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  headers?: Record<string, string>;
  searchParams?: Record<string, string | number | boolean>;
  /** Body sent as JSON. */
  json?: unknown;
}

/**
 * HTTP client of the plugin context: per-attempt timeouts, retries with exponential backoff and
 * full jitter, `Retry-After` honoured on 429/503, client-side rate limiting and the context's
 * abort signal. The helpers map failures to {@link PluginError} codes (`auth_failed`,
 * `rate_limited`, `upstream_unavailable`, `upstream_error`, `aborted`).
 */
export interface HttpClient {
  /** The configured ky instance, for anything the helpers do not cover (throws ky errors). */
  readonly ky: KyInstance;
  /**
   * A `fetch` with the same timeouts, retries and rate limit, for official client libraries that
   * accept a custom fetch. Like `fetch`, it resolves with non-2xx responses (after retries).
   */
  readonly fetch: FetchLike;
  /** Requests JSON and validates it with `schema`; a mismatch fails with `upstream_error`. */
  json<T>(url: string | URL, schema: z.ZodType<T>, options?: HttpRequestOptions): Promise<T>;
  /** Requests a text body. */
  text(url: string | URL, options?: HttpRequestOptions): Promise<string>;
  /** Requests a response whose body the caller streams (`response.body`). */
  response(url: string | URL, options?: HttpRequestOptions): Promise<Response>;
}

const RETRY_STATUS = [408, 425, 429, 500, 502, 503, 504];

/** Creates the {@link HttpClient} used by plugin contexts. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const instance = ky.create(kyOptions(options));
  const fetchCompatible: FetchLike = async (input, init) => {
    try {
      return await instance(input, init);
    } catch (error) {
      // A fetch resolves with error statuses; only network failures reject.
      if (error instanceof HTTPError) return error.response;
      throw error;
    }
  };
  const send = async (url: string | URL, request: HttpRequestOptions): Promise<Response> => {
    try {
      return await instance(url, toKyRequest(request));
    } catch (error) {
      throw await toPluginError(error, String(url));
    }
  };
  return {
    ky: instance,
    fetch: fetchCompatible,
    async json(url, schema, request = {}) {
      const response = await send(url, { ...request, headers: { accept: 'application/json', ...request.headers } });
      const parsed = schema.safeParse(await readJson(response, String(url)));
      if (parsed.success) return parsed.data;
      throw new PluginError('upstream_error', `Unexpected response from ${redactUrl(url)}: ${formatIssues(parsed.error.issues)}`);
    },
    async text(url, request = {}) {
      return (await send(url, request)).text();
    },
    response: (url, request = {}) => send(url, request),
  };
}

function kyOptions(options: HttpClientOptions): KyOptions {
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const throttledFetch = options.rateLimit ? throttle(baseFetch, options.rateLimit, options.signal) : baseFetch;
  const kyInit: KyOptions = {
    timeout: options.timeoutMs ?? 30_000,
    fetch: throttledFetch,
    retry: {
      limit: options.retries ?? 4,
      statusCodes: RETRY_STATUS,
      afterStatusCodes: [429, 503],
      maxRetryAfter: options.maxRetryAfterMs ?? 120_000,
      backoffLimit: options.backoffLimitMs ?? 30_000,
      jitter: true,
      retryOnTimeout: true,
    },
    hooks: {
      beforeRetry: [
        ({ request, retryCount, error }) => {
          options.logger?.debug('retrying request', { url: redactUrl(request.url), retryCount, reason: error.message });
        },
      ],
    },
  };
  if (options.signal) kyInit.signal = options.signal;
  if (options.headers) kyInit.headers = options.headers;
  return kyInit;
}

function throttle(fetchImpl: FetchLike, rate: RateLimit, signal: AbortSignal | undefined): FetchLike {
  const limiter = signal
    ? pThrottle({ limit: rate.limit, interval: rate.intervalMs, signal })
    : pThrottle({ limit: rate.limit, interval: rate.intervalMs });
  return limiter((input: string | URL | Request, init?: RequestInit) => fetchImpl(input, init));
}

function toKyRequest(request: HttpRequestOptions): KyOptions {
  const out: KyOptions = { method: request.method ?? 'GET' };
  if (request.headers) out.headers = request.headers;
  if (request.searchParams) out.searchParams = request.searchParams;
  if (request.json !== undefined) out.json = request.json;
  return out;
}

async function readJson(response: Response, url: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PluginError('upstream_error', `Response from ${redactUrl(url)} is not JSON`, { cause: error });
  }
}

/**
 * Maps a failure of an HTTP call to a {@link PluginError} with a stable code. Exposed for plugins
 * that call an official client library through {@link HttpClient.fetch}.
 */
export async function toPluginError(error: unknown, url: string): Promise<PluginError> {
  const where = redactUrl(url);
  if (error instanceof PluginError) return error;
  if (error instanceof HTTPError) return httpStatusError(error.response.status, where, await safeText(error.response));
  if (error instanceof TimeoutError) {
    return new PluginError('upstream_unavailable', `${where} did not answer in time`, { cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new PluginError('aborted', `Request to ${where} was cancelled`, { cause: error });
  }
  return new PluginError('upstream_unavailable', `${where} is unreachable`, { cause: error });
}

/** Maps an HTTP status to a {@link PluginError} (`auth_failed`, `rate_limited`, …). */
export function httpStatusError(status: number, where: string, body = ''): PluginError {
  const details = { status, body: body.slice(0, 500) };
  if (status === 401 || status === 403) {
    return new PluginError('auth_failed', `${where} refused the credentials (HTTP ${status})`, { details });
  }
  if (status === 429) return new PluginError('rate_limited', `${where} is rate limiting requests (HTTP 429)`, { details });
  if (status >= 500 || status === 408) {
    return new PluginError('upstream_unavailable', `${where} is failing (HTTP ${status})`, { details });
  }
  return new PluginError('upstream_error', `${where} answered HTTP ${status}`, { details });
}

async function safeText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    // The body may already be consumed or cancelled; the status alone is still actionable.
    return '';
  }
}

// Query strings often carry tokens: keep only origin and path in messages.
function redactUrl(url: string | URL): string {
  try {
    const parsed = new URL(String(url));
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return String(url).split('?')[0] ?? '';
  }
}
