import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';
import { sha256 } from './trusted-documents.plugin.js';

const deepQuery = (depth: number): string => `{ journeys { stages { touchpoints { stage { touchpoints ${'{ stage { touchpoints '.repeat(depth)}{ id }${' } }'.repeat(depth)} } } } } }`;

describe('protection of the GraphQL endpoint (production settings)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startHarness({ NODE_ENV: 'production', WAYMARK_RATE_LIMIT_PER_MINUTE: '40', WAYMARK_BODY_LIMIT: '64kb', WAYMARK_CORS_ORIGINS: 'https://console.example' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('refuses queries deeper than the depth limit', async () => {
    const result = await api.gql(api.adminToken, deepQuery(4));
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: journeys { id }`).join(' ');
    const result = await api.gql(api.adminToken, `{ ${aliases} }`);
    expect(result.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('refuses request bodies over the size limit with 413', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminToken}` },
      body: JSON.stringify({ query: '{ journeys { id } }', variables: { pad: 'x'.repeat(100_000) } }),
    });
    expect(response.status).toBe(413);
  });

  it('refuses a chunked body (no Content-Length) once it passes the size limit, and serves a small one', async () => {
    const chunked = (text: string) => new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(text);
        for (let at = 0; at < bytes.length; at += 8192) controller.enqueue(bytes.subarray(at, at + 8192));
        controller.close();
      },
    });
    const post = (text: string) => {
      // A stream body is sent chunked; Node's fetch needs duplex for it (not in the DOM typings).
      const init: RequestInit & { duplex: 'half' } = {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminToken}` },
        body: chunked(text),
        duplex: 'half',
      };
      return fetch(`${api.url}/graphql`, init);
    };
    const large = await post(JSON.stringify({ query: '{ journeys { id } }', variables: { pad: 'x'.repeat(100_000) } }));
    expect(large.status).toBe(413);
    expect(((await large.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    const small = await post(JSON.stringify({ query: '{ journeys { id } }' }));
    expect(await small.json()).toEqual({ data: { journeys: [] } });
  });

  it('sends security headers and answers CORS preflight only for the configured origin', async () => {
    const response = await fetch(`${api.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://console.example', 'access-control-request-method': 'POST' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://console.example');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const foreign = await fetch(`${api.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('applies the same origin policy and headers to GraphQL answers, with no credentials allowed', async () => {
    const post = (origin: string) => fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminToken}`, origin },
      body: JSON.stringify({ query: '{ journeys { id } }' }),
    });
    const own = await post('https://console.example');
    expect(own.headers.get('access-control-allow-origin')).toBe('https://console.example');
    expect(own.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(own.headers.get('strict-transport-security')).toContain('max-age=');
    expect(own.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // yoga's own CORS used to echo any origin here, with credentials allowed.
    const foreign = await post('https://evil.example');
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(foreign.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives no stack traces or field suggestions in production', async () => {
    const result = await api.gql(api.adminToken, '{ journeyz { id } }');
    const text = JSON.stringify(result);
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/Did you mean|stack|at .*\.js/);
  });

  it('limits each token to its rate and answers 429 with RATE_LIMITED', async () => {
    const token = await api.token('ANALYST');
    const results = await Promise.all(Array.from({ length: 60 }, () => api.gql(token, '{ journeys { id } }')));
    const limited = results.filter((r) => r.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.status).toBe(429);
    // Another token still has its own budget.
    expect((await api.gql(await api.token('ANALYST'), '{ journeys { id } }')).errors).toBeUndefined();
  });
});

describe('trusted documents', () => {
  const document = 'query Journeys { journeys { id name } }';
  let api: ApiHarness;
  beforeAll(async () => {
    const manifest = join(tmpdir(), `waymark-trusted-${process.pid}.json`);
    writeFileSync(manifest, JSON.stringify({ [sha256(document)]: document }));
    api = await startHarness({ WAYMARK_TRUSTED_DOCUMENTS: manifest, WAYMARK_TRUSTED_DOCUMENTS_ONLY: '1' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('runs a document sent by its hash and refuses any other document', async () => {
    const byHash = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminToken}` },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(document) } } }),
    });
    expect(await byHash.json()).toEqual({ data: { journeys: [] } });
    const verbatim = await api.gql(api.adminToken, document);
    expect(verbatim.data).toEqual({ journeys: [] });
    const other = await api.gql(api.adminToken, '{ journeys { id } }');
    expect(other.errors?.[0]?.message).toMatch(/trusted documents/);
  });
});
