import { httpStatusError, isPluginError, PluginError } from '@waymark/plugin-sdk';
import { MastoHttpError, MastoTimeoutError } from 'masto';
import type { MastodonConfig } from './config.js';

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; error: PluginError };

const BACKOFF_BASE_MS = 250;
const BACKOFF_LIMIT_MS = 30_000;

/**
 * What to do after a failed Mastodon request. masto.js does not retry, so the plugin does: 429
 * waits for `Retry-After` or Mastodon's `X-RateLimit-Reset`, 5xx/network/timeouts back off
 * exponentially, and everything else fails at once with the SDK's coded errors.
 */
export function decideRetry(error: unknown, attempt: number, config: MastodonConfig, now: Date): RetryDecision {
  const where = new URL('/api/v1/notifications', config.instanceUrl).toString();
  if (isPluginError(error)) return { retry: false, error };
  if (error instanceof Error && error.name === 'AbortError') {
    return { retry: false, error: new PluginError('aborted', `Request to ${where} was cancelled`, { cause: error }) };
  }
  const failure = classify(error, where, now);
  if (!failure.retryable || attempt >= config.retries) return { retry: false, error: failure.error };
  if (failure.waitMs !== undefined) {
    if (failure.waitMs > config.maxRateLimitWaitSeconds * 1000) return { retry: false, error: failure.error };
    return { retry: true, delayMs: failure.waitMs };
  }
  return { retry: true, delayMs: Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_LIMIT_MS) };
}

interface Failure {
  error: PluginError;
  retryable: boolean;
  waitMs?: number;
}

function classify(error: unknown, where: string, now: Date): Failure {
  if (error instanceof MastoHttpError) {
    const coded = httpStatusError(error.statusCode, where, error.message);
    if (error.statusCode === 429) {
      const waitMs = rateLimitWait(error.cause, now);
      return { error: withDetails(coded, { retryAfterMs: waitMs }), retryable: true, waitMs };
    }
    return { error: coded, retryable: coded.code === 'upstream_unavailable' };
  }
  if (error instanceof MastoTimeoutError) {
    return { error: new PluginError('upstream_unavailable', `${where} did not answer in time`, { cause: error }), retryable: true };
  }
  // fetch rejects with a TypeError on network failures (refused, reset, DNS).
  if (error instanceof TypeError) {
    return { error: new PluginError('upstream_unavailable', `${where} is unreachable`, { cause: error }), retryable: true };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { error: new PluginError('upstream_error', `${where} answered unexpectedly: ${message}`, { cause: error }), retryable: false };
}

// Mastodon sends X-RateLimit-Reset (ISO 8601); proxies may add Retry-After (seconds).
export function rateLimitWait(cause: unknown, now: Date): number {
  if (!(cause instanceof Response)) return 1000;
  const retryAfter = Number(cause.headers.get('retry-after'));
  if (cause.headers.has('retry-after') && Number.isFinite(retryAfter)) return Math.max(0, retryAfter * 1000);
  const reset = Date.parse(cause.headers.get('x-ratelimit-reset') ?? '');
  return Number.isFinite(reset) ? Math.max(0, reset - now.getTime()) : 1000;
}

function withDetails(error: PluginError, extra: Record<string, unknown>): PluginError {
  return new PluginError(error.code, error.message, { details: { ...error.details, ...extra } });
}
