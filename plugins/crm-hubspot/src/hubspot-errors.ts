import { httpStatusError, isPluginError, PluginError } from '@waymark/plugin-sdk';

/** Shape of the client's ApiException (one class per generated module, so checked structurally). */
export interface HubSpotApiError extends Error {
  code: number;
  body: unknown;
  headers: Record<string, string>;
}

export function isHubSpotApiError(error: unknown): error is HubSpotApiError {
  return error instanceof Error && typeof Reflect.get(error, 'code') === 'number' && typeof Reflect.get(error, 'headers') === 'object';
}

export interface Failure {
  error: PluginError;
  retryable: boolean;
  /** Wait the service asked for (rate limits). */
  waitMs?: number;
}

/** Maps a failed client call to the SDK's coded error and whether a retry may help. */
export function classifyFailure(error: unknown, where: string): Failure {
  if (isPluginError(error)) return { error, retryable: error.code === 'upstream_unavailable' };
  if (isHubSpotApiError(error)) {
    const coded = httpStatusError(error.code, where, bodyText(error.body));
    if (error.code === 429) return { error: coded, retryable: true, waitMs: rateLimitWait(error) };
    return { error: coded, retryable: coded.code === 'upstream_unavailable' };
  }
  // node-fetch rejects with a FetchError on refused/reset connections and DNS failures.
  if (error instanceof Error && error.name === 'FetchError') {
    return { error: new PluginError('upstream_unavailable', `${where} is unreachable`, { cause: error }), retryable: true };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { error: new PluginError('upstream_error', `${where} failed: ${message}`, { cause: error }), retryable: false };
}

/**
 * How long HubSpot asks to wait: `Retry-After` when sent, otherwise by the policy in the 429 body
 * (`TEN_SECONDLY_ROLLING` → 10 s, the search API's "secondly limit" → 1 s).
 */
export function rateLimitWait(error: HubSpotApiError): number {
  const retryAfter = Number(error.headers['retry-after']);
  if (error.headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return Math.max(0, retryAfter * 1000);
  const policy = field(error.body, 'policyName');
  // The daily limit resets at midnight: waiting a day fails with rate_limited (above the cap).
  if (policy === 'DAILY') return 86_400_000;
  return policy === 'TEN_SECONDLY_ROLLING' ? 10_000 : 1000;
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? Reflect.get(body, name) : undefined;
}

function bodyText(body: unknown): string {
  const message = field(body, 'message');
  if (typeof message === 'string') return message;
  return typeof body === 'string' ? body : JSON.stringify(body ?? '');
}
