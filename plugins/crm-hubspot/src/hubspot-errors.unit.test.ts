import { ApiException } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { describe, expect, it } from 'vitest';
import { classifyFailure, rateLimitWait } from './hubspot-errors.js';

const where = 'https://api.hubapi.com/crm/v3/objects/deals/search';
const apiError = (code: number, body: unknown, headers: Record<string, string> = {}) => new ApiException(code, `HTTP-Code: ${code}`, body, headers);

describe('classifyFailure', () => {
  it('maps 401 to auth_failed, not retryable', () => {
    const failure = classifyFailure(apiError(401, { message: 'Authentication credentials not found.', category: 'INVALID_AUTHENTICATION' }), where);
    expect(failure).toMatchObject({ retryable: false, error: { code: 'auth_failed' } });
    expect(failure.error.details).toMatchObject({ status: 401, body: 'Authentication credentials not found.' });
  });

  it('retries 429 and 5xx, and treats other 4xx as upstream_error', () => {
    expect(classifyFailure(apiError(429, { policyName: 'TEN_SECONDLY_ROLLING' }), where)).toMatchObject({ retryable: true, waitMs: 10_000, error: { code: 'rate_limited' } });
    expect(classifyFailure(apiError(502, 'Bad Gateway'), where)).toMatchObject({ retryable: true, error: { code: 'upstream_unavailable' } });
    expect(classifyFailure(apiError(400, { message: 'limit must be at most 200' }), where)).toMatchObject({ retryable: false, error: { code: 'upstream_error' } });
  });

  it('retries network failures of node-fetch', () => {
    const error = Object.assign(new Error('request to http://127.0.0.1:1 failed, reason: connect ECONNREFUSED'), { name: 'FetchError' });
    expect(classifyFailure(error, where)).toMatchObject({ retryable: true, error: { code: 'upstream_unavailable' } });
  });
});

describe('rateLimitWait', () => {
  it('prefers Retry-After, then the policy named in the body', () => {
    expect(rateLimitWait(apiError(429, {}, { 'retry-after': '2' }))).toBe(2000);
    expect(rateLimitWait(apiError(429, { message: 'You have reached your secondly limit.' }))).toBe(1000);
    expect(rateLimitWait(apiError(429, { policyName: 'DAILY' }))).toBe(86_400_000);
  });
});
