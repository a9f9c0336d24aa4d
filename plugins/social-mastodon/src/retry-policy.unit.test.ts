import { describe, expect, it } from 'vitest';
import { MastoHttpError, MastoTimeoutError } from 'masto';
import { mastodonConfigSchema } from './config.js';
import { decideRetry, rateLimitWait } from './retry-policy.js';

const config = mastodonConfigSchema.parse({ instanceUrl: 'https://mastodon.example', touchpointKey: 't', retries: 2, maxRateLimitWaitSeconds: 60 });
const now = new Date('2026-03-01T12:00:00Z');

function httpError(status: number, headers: Record<string, string> = {}): MastoHttpError {
  return new MastoHttpError({ statusCode: status, message: 'error' }, { cause: new Response(null, { status, headers }) });
}

describe('decideRetry', () => {
  it('waits until X-RateLimit-Reset on 429', () => {
    const error = httpError(429, { 'x-ratelimit-reset': '2026-03-01T12:00:30.000Z' });
    expect(decideRetry(error, 0, config, now)).toEqual({ retry: true, delayMs: 30_000 });
  });

  it('prefers Retry-After when present', () => {
    expect(rateLimitWait(new Response(null, { status: 429, headers: { 'retry-after': '3' } }), now)).toBe(3000);
  });

  it('fails with rate_limited when the reset is further away than allowed or retries are used up', () => {
    const far = httpError(429, { 'x-ratelimit-reset': '2026-03-01T12:05:00.000Z' });
    expect(decideRetry(far, 0, config, now)).toMatchObject({ retry: false, error: { code: 'rate_limited' } });
    expect(decideRetry(httpError(429, { 'retry-after': '1' }), 2, config, now)).toMatchObject({ retry: false, error: { code: 'rate_limited' } });
  });

  it('backs off exponentially on 5xx, timeouts and network errors', () => {
    expect(decideRetry(httpError(503), 0, config, now)).toEqual({ retry: true, delayMs: 250 });
    expect(decideRetry(new MastoTimeoutError('timeout'), 1, config, now)).toEqual({ retry: true, delayMs: 500 });
    expect(decideRetry(new TypeError('fetch failed'), 0, config, now)).toEqual({ retry: true, delayMs: 250 });
  });

  it('fails at once with auth_failed on 401/403 and upstream_error on other 4xx', () => {
    expect(decideRetry(httpError(401), 0, config, now)).toMatchObject({ retry: false, error: { code: 'auth_failed' } });
    expect(decideRetry(httpError(403), 0, config, now)).toMatchObject({ retry: false, error: { code: 'auth_failed' } });
    expect(decideRetry(httpError(422), 0, config, now)).toMatchObject({ retry: false, error: { code: 'upstream_error' } });
  });
});
