import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';

// Token lookups are cached for a few seconds; revocation and expiry must still take effect at once.
describe('API token cache', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(async () => {
    await api?.stop();
  });

  const createToken = async (name: string): Promise<{ id: string; secret: string }> => {
    const created = await api.gql<{ createApiToken: { id: string; secret: string } }>(api.adminToken, 'mutation($name: String!) { createApiToken(role: ANALYST, name: $name) { id secret } }', { name });
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    return created.data.createApiToken;
  };
  const codeFor = async (secret: string): Promise<string | undefined> => {
    const result = await api.gql(secret, '{ journeys { id } }');
    return result.errors?.[0]?.extensions?.code ?? (result.data ? 'OK' : undefined);
  };

  it('refuses a revoked token on the very next request, though its lookup was cached', async () => {
    const token = await createToken('soon revoked');
    expect(await codeFor(token.secret)).toBe('OK');
    const revoked = await api.gql(api.adminToken, 'mutation($id: ID!) { revokeApiToken(id: $id) { id } }', { id: token.id });
    expect(revoked.errors).toBeUndefined();
    expect(await codeFor(token.secret)).toBe('UNAUTHENTICATED');
  });

  it('does not keep a token cached past its expiry', async () => {
    const token = await createToken('expiring');
    await api.test.db.query(`UPDATE api_tokens SET expires_at = now() + interval '1500 milliseconds' WHERE id = $1::uuid`, [token.id]);
    expect(await codeFor(token.secret)).toBe('OK');
    await new Promise((resolve) => setTimeout(resolve, 1800));
    expect(await codeFor(token.secret)).toBe('UNAUTHENTICATED');
  });
});
