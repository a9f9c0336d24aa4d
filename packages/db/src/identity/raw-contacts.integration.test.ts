import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvents } from '../ingest/ingest-events.js';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import { disableRawContacts, enableRawContacts } from './raw-contacts.js';

const sha = (v: string): string => createHash('sha256').update(v).digest('hex');

async function workspace(t: TestDatabase, name: string): Promise<string> {
  const ws = await t.db.prisma.workspace.create({ data: { name } });
  const journey = await t.db.prisma.journey.create({ data: { workspaceId: ws.id, name: 'Stay' } });
  const stage = await t.db.prisma.stage.create({ data: { workspaceId: ws.id, journeyId: journey.id, name: 'Purchase', position: 0 } });
  await t.db.prisma.touchpoint.create({ data: { workspaceId: ws.id, stageId: stage.id, key: 'desk', name: 'Desk', type: 'INTERACTION', channel: 'front_desk', mode: 'OFFLINE' } });
  return ws.id;
}

let seq = 0;
const visit = (customerRef: string, linkedRefs?: string[]) => ({
  source: 'test', externalId: `v${(seq += 1)}`, touchpointKey: 'desk', customerRef, occurredAt: '2026-03-01T10:00:00Z', kind: 'VIEW', ...(linkedRefs ? { linkedRefs } : {}),
});

describe.each(DB_KINDS)('raw contact storage on %s', (kind) => {
  let t: TestDatabase;
  const refs = async (ws: string) => (await t.db.query<{ ref: string }>('SELECT ref FROM customer_identities WHERE workspace_id = $1 ORDER BY ref', [ws])).map((r) => r.ref);
  const customers = async (ws: string) => (await t.db.query<{ n: number }>('SELECT count(DISTINCT customer_id)::int AS n FROM events WHERE workspace_id = $1', [ws]))[0]?.n;
  const flag = async (ws: string) => (await t.db.prisma.workspace.findUniqueOrThrow({ where: { id: ws } })).storeRawContacts;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('turns on in a workspace without hashed contacts and keeps e-mail and phone as given from then on', async () => {
    const ws = await workspace(t, 'Raw from the start');
    await ingestEvents(t.db, ws, [visit('crm:x:1')]);
    expect(await enableRawContacts(t.db, ws)).toEqual({ ok: true, hashed: 0 });
    await ingestEvents(t.db, ws, [visit('email:Ana@Example.com', ['phone:+351 912 345 678'])]);
    expect(await refs(ws)).toEqual(['crm:x:1', 'email:ana@example.com', 'phone:351912345678']);
    expect(await flag(ws)).toBe(true);
  });

  it('refuses to turn on once a contact is stored hashed, and changes nothing', async () => {
    const ws = await workspace(t, 'Hashed already');
    await ingestEvents(t.db, ws, [visit('email:ana@example.com')]);
    expect(await enableRawContacts(t.db, ws)).toEqual({ ok: false, hashedContacts: 1 });
    expect(await flag(ws)).toBe(false);
  });

  it('turning off hashes every raw contact in place, so the same person still matches, merging with a hash a source sent', async () => {
    const ws = await workspace(t, 'Back to hashes');
    expect(await enableRawContacts(t.db, ws)).toMatchObject({ ok: true });
    await ingestEvents(t.db, ws, [visit('email:ana@example.com', ['crm:x:1']), visit('phone:912345678'), visit(`email:${sha('ben@example.com')}`)]);
    await ingestEvents(t.db, ws, [visit('email:ben@example.com')]);
    expect(await customers(ws)).toBe(4);

    expect(await disableRawContacts(t.db, ws)).toEqual({ ok: true, hashed: 3 });
    expect(await flag(ws)).toBe(false);
    expect(await refs(ws)).toEqual(['crm:x:1', `email:${sha('ana@example.com')}`, `email:${sha('ben@example.com')}`, `phone:${sha('912345678')}`].sort());
    // Ben's raw and hashed identities were one person seen twice: his two customers merged.
    expect(await customers(ws)).toBe(3);
    // Ana seen again, now hashed on the way in, is still her customer.
    await ingestEvents(t.db, ws, [visit('email:ANA@example.com')]);
    expect(await customers(ws)).toBe(3);
  });

  it('leaves no contact stored as given when it is turned off while batches are being ingested', async () => {
    const ws = await workspace(t, 'Busy');
    expect(await enableRawContacts(t.db, ws)).toMatchObject({ ok: true });
    const batch = (n: number) => Array.from({ length: 200 }, (_, i) => visit(`email:guest${n}-${i}@example.com`));
    await Promise.all([ingestEvents(t.db, ws, batch(1)), ingestEvents(t.db, ws, batch(2)), disableRawContacts(t.db, ws), ingestEvents(t.db, ws, batch(3))]);
    const raw = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM customer_identities WHERE workspace_id = $1 AND ref LIKE '%@%'", [ws]);
    expect(raw[0]?.n).toBe(0);
    expect(await customers(ws)).toBe(600);
  });
});
