import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableRawContacts } from '../identity/raw-contacts.js';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import type { EventInput } from './event-input.js';
import { ingestEvents } from './ingest-events.js';
import { keepRejectedRecords } from './keep-rejected.js';
import { retryRejectedEvents } from './retry-rejected.js';

const sha = (v: string): string => createHash('sha256').update(v).digest('hex');

async function seedWorkspace(t: TestDatabase, name: string, storeRawContacts = false): Promise<{ ws: string; stage: string }> {
  const ws = await t.db.prisma.workspace.create({ data: { name, storeRawContacts } });
  const journey = await t.db.prisma.journey.create({ data: { workspaceId: ws.id, name: 'Stay' } });
  const stage = await t.db.prisma.stage.create({ data: { workspaceId: ws.id, journeyId: journey.id, name: 'Purchase', position: 0 } });
  await addTouchpoint(t, ws.id, stage.id, 'web.home');
  return { ws: ws.id, stage: stage.id };
}

async function addTouchpoint(t: TestDatabase, workspaceId: string, stageId: string, key: string): Promise<void> {
  await t.db.prisma.touchpoint.create({ data: { workspaceId, stageId, key, name: key, type: 'INTERACTION', channel: 'web', mode: 'ONLINE' } });
}

let seq = 0;
function event(overrides: Partial<EventInput> = {}): EventInput {
  seq += 1;
  return { source: 'test', externalId: `r${seq}`, touchpointKey: 'web.home', customerRef: `crm:test:${seq}`, occurredAt: '2026-03-01T10:00:00Z', kind: 'VIEW', ...overrides };
}

async function rejectedRows(t: TestDatabase, ws: string) {
  return t.db.query<{ id: string; external_id: string | null; reason: string; retries: number; retried_at: Date | null; payload: Record<string, unknown> }>(
    'SELECT id::text AS id, external_id, reason, retries, retried_at, payload FROM rejected_events WHERE workspace_id = $1 ORDER BY id',
    [ws],
  );
}

async function storedCount(t: TestDatabase, ws: string, externalIds: string[]): Promise<number> {
  const [row] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE workspace_id = $1 AND external_id = ANY($2::text[])', [ws, externalIds]);
  return Number(row?.n ?? 0);
}

describe.each(DB_KINDS)('retrying refused rows on %s', (kind) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('stores the rows whose touchpoint now exists, keeps the others with their reason, and counts the retry', async () => {
    const { ws, stage } = await seedWorkspace(t, 'Retry');
    const late = [event({ touchpointKey: 'web.chat' }), event({ touchpointKey: 'web.chat', kind: 'PURCHASE', value: 80 })];
    const wrong = event({ touchpointKey: 'web.typo' });
    const invalid = event({ nps: 11 });
    const first = await ingestEvents(t.db, ws, [...late, wrong, invalid]);
    expect(first.rejected.map((r) => r.reason)).toEqual(['unknown touchpoint key "web.chat"', 'unknown touchpoint key "web.chat"', 'unknown touchpoint key "web.typo"', expect.stringContaining('nps')]);

    await addTouchpoint(t, ws, stage, 'web.chat');
    const result = await retryRejectedEvents(t.db, ws);

    expect(result).toMatchObject({ retried: 4, accepted: 2, duplicates: 0, remaining: 0 });
    expect(result.stillRejected.map((r) => [r.externalId, r.reason])).toEqual([
      [wrong.externalId, 'unknown touchpoint key "web.typo"'],
      [invalid.externalId, first.rejected[3]?.reason],
    ]);
    expect(await storedCount(t, ws, late.map((e) => e.externalId))).toBe(2);
    const kept = await rejectedRows(t, ws);
    expect(kept.map((r) => [r.external_id, r.retries])).toEqual([[wrong.externalId, 1], [invalid.externalId, 1]]);
    expect(kept.every((r) => r.retried_at instanceof Date)).toBe(true);
    expect(result.stillRejected.map((r) => String(r.id))).toEqual(kept.map((r) => r.id));
  });

  it('drops a refused row that a later sync stored meanwhile, counting it as a duplicate', async () => {
    const { ws, stage } = await seedWorkspace(t, 'Meanwhile');
    const row = event({ touchpointKey: 'shop.till' });
    await ingestEvents(t.db, ws, [row]);
    await addTouchpoint(t, ws, stage, 'shop.till');
    await ingestEvents(t.db, ws, [row]);
    expect(await retryRejectedEvents(t.db, ws)).toMatchObject({ retried: 1, accepted: 0, duplicates: 1, stillRejected: [] });
    expect(await rejectedRows(t, ws)).toEqual([]);
    expect(await storedCount(t, ws, [row.externalId])).toBe(1);
  });

  it('takes only the rows of the filter, continues after the last row of a call, and never crosses workspaces', async () => {
    const { ws, stage } = await seedWorkspace(t, 'Filtered');
    const other = await seedWorkspace(t, 'Other');
    const rows = [1, 2, 3, 4].map(() => event({ touchpointKey: 'kiosk' }));
    await ingestEvents(t.db, ws, rows.slice(0, 3));
    await ingestEvents(t.db, ws, [{ ...rows[3]!, source: 'other-source' }]);
    await ingestEvents(t.db, other.ws, [event({ touchpointKey: 'kiosk' })]);
    await addTouchpoint(t, ws, stage, 'kiosk');
    await addTouchpoint(t, other.ws, other.stage, 'kiosk');

    const part = await retryRejectedEvents(t.db, ws, { source: 'test' }, 2);
    expect(part).toMatchObject({ retried: 2, accepted: 2, remaining: 1 });
    const rest = await retryRejectedEvents(t.db, ws, { source: 'test', after: part.lastId });
    expect(rest).toMatchObject({ retried: 1, accepted: 1, remaining: 0 });
    expect((await rejectedRows(t, ws)).map((r) => r.external_id)).toEqual([rows[3]?.externalId]);
    expect(await rejectedRows(t, other.ws)).toHaveLength(1);

    const [otherRow] = await rejectedRows(t, other.ws);
    const crossing = await retryRejectedEvents(t.db, ws, { ids: [BigInt(otherRow!.id)] });
    expect(crossing).toMatchObject({ retried: 0, accepted: 0 });
    expect(await rejectedRows(t, other.ws)).toHaveLength(1);
  });

  it('keeps e-mail and phone refs of refused rows as their hashes, and a retry finds the same customer', async () => {
    const { ws, stage } = await seedWorkspace(t, 'Private');
    await ingestEvents(t.db, ws, [event({ customerRef: 'email:Ana@Example.com' })]);
    const row = event({ touchpointKey: 'spa', customerRef: 'email: ana@example.com ', linkedRefs: ['phone:+33 6 12 34 56 78', 'crm:hubspot:7'] });
    await ingestEvents(t.db, ws, [row]);
    const [kept] = await rejectedRows(t, ws);
    expect(kept?.payload).toMatchObject({ customerRef: `email:${sha('ana@example.com')}`, linkedRefs: [`phone:${sha('33612345678')}`, 'crm:hubspot:7'] });
    expect(JSON.stringify(kept?.payload)).not.toContain('example.com');

    await addTouchpoint(t, ws, stage, 'spa');
    expect(await retryRejectedEvents(t.db, ws)).toMatchObject({ accepted: 1 });
    const [{ n } = { n: 0 }] = await t.db.query<{ n: number }>('SELECT count(DISTINCT customer_id)::int AS n FROM events WHERE workspace_id = $1', [ws]);
    expect(Number(n)).toBe(1);
  });

  it('keeps refs as given while the workspace stores raw contacts, and hashes them when it stops', async () => {
    const { ws } = await seedWorkspace(t, 'Raw', true);
    await ingestEvents(t.db, ws, [event({ touchpointKey: 'bar', customerRef: 'email:bo@example.com' })]);
    await keepRejectedRecords(t.db, ws, [{ externalId: 'p1', reason: 'invalid event: kind', payload: { customerRef: 'phone:0612345678', kind: 'HUG' } }], {
      syncRunId: (await syncRun(t, ws)).id,
      source: 'plugin-x',
    });
    expect((await rejectedRows(t, ws)).map((r) => r.payload.customerRef)).toEqual(['email:bo@example.com', 'phone:0612345678']);
    await disableRawContacts(t.db, ws);
    expect((await rejectedRows(t, ws)).map((r) => r.payload.customerRef)).toEqual([`email:${sha('bo@example.com')}`, `phone:${sha('0612345678')}`]);
  });

  it('lists a plugin-refused record once per sync run, however often its page is stored', async () => {
    const { ws } = await seedWorkspace(t, 'Once');
    const run = await syncRun(t, ws);
    const records = [{ externalId: 'x1', reason: 'no date', payload: { row: 1 } }, { externalId: 'x1', reason: 'no date', payload: { row: 1 } }, { reason: 'no id' }];
    await keepRejectedRecords(t.db, ws, records, { syncRunId: run.id, source: 'file-import' });
    await keepRejectedRecords(t.db, ws, records, { syncRunId: run.id, source: 'file-import' });
    expect((await rejectedRows(t, ws)).map((r) => [r.external_id, r.reason])).toEqual([['x1', 'no date'], [null, 'no id']]);
  });
});

async function syncRun(t: TestDatabase, workspaceId: string): Promise<{ id: string }> {
  const integration = await t.db.prisma.integration.create({ data: { workspaceId, name: 'Feed', pluginId: 'plugin-x', pluginVersion: '1.0.0', config: {} } });
  return t.db.prisma.syncRun.create({ data: { workspaceId, integrationId: integration.id } });
}
