import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './test-support/api-harness.js';
import type { ApiHarness } from './test-support/api-harness.js';

// graphql-http's conformance audits against the live server (a token is added to every request:
// the audits query { __typename }, which the server answers for any signed-in caller).
describe('GraphQL over HTTP conformance (graphql-http server audits)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('passes every mandatory audit', async () => {
    const audits = serverAudits({
      url: () => `${api.url}/graphql`,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${api.adminToken}`);
        return fetch(input, { ...init, headers });
      },
    });
    const failures: string[] = [];
    let mandatory = 0;
    for (const audit of audits) {
      const result = await audit.fn();
      if (audit.name.startsWith('MUST')) mandatory += 1;
      if (result.status === 'error') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(mandatory).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });
});
