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

  it('sends security headers and answers CORS preflight only for the configured origin', async () => {
    const response = await fetch(`${api.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://console.example', 'access-control-request-method': 'POST' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://console.example');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const foreign = await fetch(`${api.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
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
