import { describe, expect, it } from 'vitest';
import { corsPolicy } from './cors.js';

interface Answer {
  handled: boolean;
  status: number;
  ended: boolean;
  headers: Record<string, string>;
}

function run(origins: string, method: string, origin?: string): Answer {
  const headers: Record<string, string> = {};
  const res = {
    statusCode: 200,
    ended: false,
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    end: () => void (res.ended = true),
  };
  const handled = corsPolicy(origins)({ method, headers: origin ? { origin } : {} }, res);
  return { handled, status: res.statusCode, ended: res.ended, headers };
}

describe('CORS policy', () => {
  it('echoes any origin with "*" and exposes x-request-id, without allowing credentials', () => {
    const answer = run('*', 'POST', 'https://anywhere.example');
    expect(answer.handled).toBe(false);
    expect(answer.headers).toEqual({
      'access-control-allow-origin': 'https://anywhere.example',
      vary: 'Origin',
      'access-control-expose-headers': 'x-request-id',
    });
  });

  it('allows only the configured origins', () => {
    expect(run('https://a.example, https://b.example', 'POST', 'https://b.example').headers['access-control-allow-origin']).toBe('https://b.example');
    const foreign = run('https://a.example,https://b.example', 'POST', 'https://evil.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(foreign.headers['vary']).toBe('Origin');
  });

  it('answers a preflight with 204, the allowed methods and headers and a 10-minute max age', () => {
    const answer = run('https://a.example', 'OPTIONS', 'https://a.example');
    expect(answer).toMatchObject({ handled: true, status: 204, ended: true });
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': 'https://a.example',
      'access-control-allow-methods': 'GET,POST,OPTIONS',
      'access-control-allow-headers': 'authorization,content-type,accept,x-request-id,traceparent,tracestate',
      'access-control-max-age': '600',
      'content-length': '0',
    });
  });

  it('answers a preflight from a foreign origin without allowing it', () => {
    const answer = run('https://a.example', 'OPTIONS', 'https://evil.example');
    expect(answer.handled).toBe(true);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});
