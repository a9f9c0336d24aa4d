import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';
import { JOURNEY_INPUT } from '../../test-support/fixtures.js';

const sha = (v: string): string => createHash('sha256').update(v).digest('hex');
const SET = 'mutation($enabled: Boolean!) { setStoreRawContacts(enabled: $enabled) { id storeRawContacts } }';
const INGEST = 'mutation($events: [EventInput!]!) { ingestEvents(events: $events) { accepted rejected { reason } } }';

let seq = 0;
const visit = (customerRef: string) => ({ source: 'raw-test', externalId: `r${(seq += 1)}`, touchpointKey: 'alpha.ad', customerRef, occurredAt: '2026-10-02T10:00:00Z', kind: 'VIEW' });

describe("storing customers' e-mail and phone as given (setStoreRawContacts)", () => {
  let api: ApiHarness;
  const refs = async (workspaceId: string) => (await api.test.db.query<{ ref: string }>('SELECT ref FROM customer_identities WHERE workspace_id = $1 ORDER BY ref', [workspaceId])).map((r) => r.ref);

  beforeAll(async () => {
    api = await startHarness();
    const journey = await api.gql(api.adminToken, 'mutation($input: JourneyInput!) { createJourney(input: $input) { id } }', { input: JOURNEY_INPUT });
    expect(journey.errors).toBeUndefined();
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('is off by default: an e-mail is stored as its hash; readers see the setting', async () => {
    const analyst = await api.token('ANALYST');
    const read = await api.gql<{ workspace: { storeRawContacts: boolean } }>(analyst, '{ workspace { storeRawContacts } }');
    expect(read.data?.workspace.storeRawContacts).toBe(false);
    expect((await api.gql(analyst, SET, { enabled: true })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('turns on in a fresh workspace, where e-mails are then kept as given, and off again, which hashes them in place', async () => {
    const other = await api.otherWorkspace();
    const on = await api.gql<{ setStoreRawContacts: { storeRawContacts: boolean } }>(other.adminToken, SET, { enabled: true });
    expect(on.errors).toBeUndefined();
    expect(on.data?.setStoreRawContacts.storeRawContacts).toBe(true);
    expect((await api.gql(other.adminToken, 'mutation($input: JourneyInput!) { createJourney(input: $input) { id } }', { input: JOURNEY_INPUT })).errors).toBeUndefined();
    expect((await api.gql(other.adminToken, INGEST, { events: [visit('email:Guest@Example.com')] })).errors).toBeUndefined();
    expect(await refs(other.workspaceId)).toEqual(['email:guest@example.com']);
    // The first workspace is untouched by the other's setting.
    const mine = await api.gql<{ workspace: { storeRawContacts: boolean } }>(api.adminToken, '{ workspace { storeRawContacts } }');
    expect(mine.data?.workspace.storeRawContacts).toBe(false);

    const off = await api.gql<{ setStoreRawContacts: { storeRawContacts: boolean } }>(other.adminToken, SET, { enabled: false });
    expect(off.data?.setStoreRawContacts.storeRawContacts).toBe(false);
    expect(await refs(other.workspaceId)).toEqual([`email:${sha('guest@example.com')}`]);
  });

  it('refuses to turn on once contacts are stored hashed, saying why', async () => {
    expect((await api.gql(api.adminToken, INGEST, { events: [visit('email:ana@example.com')] })).errors).toBeUndefined();
    const refused = await api.gql(api.adminToken, SET, { enabled: true });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enabled' });
    expect(refused.errors?.[0]?.message).toMatch(/already stores 1 e-mail or phone identities as hashes.*only be turned on before the first import/);
    expect(await refs(api.workspaceId)).toEqual([`email:${sha('ana@example.com')}`]);
  });
});
