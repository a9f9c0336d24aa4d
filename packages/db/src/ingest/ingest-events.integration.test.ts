import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestLinks } from '../identity/ingest-links.js';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import type { EventInput } from './event-input.js';
import { ingestEventStream, ingestEvents } from './ingest-events.js';

const sha = (v: string): string => createHash('sha256').update(v).digest('hex');

async function seedWorkspace(t: TestDatabase, name: string, storeRawContacts = false): Promise<string> {
  const ws = await t.db.prisma.workspace.create({ data: { name, storeRawContacts } });
  const journey = await t.db.prisma.journey.create({ data: { workspaceId: ws.id, name: 'Stay' } });
  const stage = await t.db.prisma.stage.create({ data: { workspaceId: ws.id, journeyId: journey.id, name: 'Purchase', position: 0 } });
  for (const key of ['web.home', 'front_desk']) {
    await t.db.prisma.touchpoint.create({ data: { workspaceId: ws.id, stageId: stage.id, key, name: key, type: 'INTERACTION', channel: 'web', mode: 'ONLINE' } });
  }
  return ws.id;
}

let seq = 0;
function event(overrides: Partial<EventInput> = {}): EventInput {
  seq += 1;
  return { source: 'test', externalId: `e${seq}`, touchpointKey: 'web.home', customerRef: `crm:test:${seq}`, occurredAt: '2026-03-01T10:00:00Z', kind: 'VIEW', ...overrides };
}

async function customerOfRef(t: TestDatabase, ws: string, ref: string): Promise<string | undefined> {
  const rows = await t.db.query<{ customer_id: string }>('SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND ref = $2', [ws, ref]);
  return rows[0]?.customer_id;
}

describe.each(DB_KINDS)('ingestion pipeline on %s', (kind) => {
  let t: TestDatabase;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = await seedWorkspace(t, 'Ingest');
  });
  afterAll(async () => {
    await t.drop();
  });

  it('accepts valid events and counts re-sent and in-batch repeats as duplicates', async () => {
    const batch = [event({ nps: 9, value: 120.5, kind: 'PURCHASE', attributes: { room: 'sea' } }), event({ csat: 4, ces: 2, sentiment: -0.25, text: 'ok' })];
    expect(await ingestEvents(t.db, ws, batch)).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await ingestEvents(t.db, ws, [...batch, batch[0]])).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
    const rows = await t.db.prisma.event.findMany({ where: { workspaceId: ws, externalId: { in: batch.map((b) => b.externalId) } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.kind, r.nps, r.value, r.csat, r.ces, r.sentiment, r.text, r.attributes])).toEqual([
      ['PURCHASE', 9, 120.5, null, null, null, null, { room: 'sea' }],
      ['VIEW', null, null, 4, 2, -0.25, 'ok', null],
    ]);
    expect(rows[0]?.occurredAt.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('stores the new rows of a batch that repeats itself or mixes stored and new events, once each', async () => {
    const [a, b, c] = [event(), event(), event()];
    expect(await ingestEvents(t.db, ws, [a, b, a])).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    expect(await ingestEvents(t.db, ws, [b, c])).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    const stored = await t.db.query<{ external_id: string; n: number }>(
      'SELECT external_id, count(*)::int AS n FROM events WHERE workspace_id = $1 AND external_id = ANY($2::text[]) GROUP BY 1 ORDER BY 1',
      [ws, [a.externalId, b.externalId, c.externalId]],
    );
    expect(stored).toEqual([a, b, c].map((e) => ({ external_id: e.externalId, n: 1 })).sort((x, y) => x.external_id.localeCompare(y.external_id)));
  });

  it('takes the slow path when the database refuses a large batch while it is still being sent', async () => {
    // ~1.5 MB of rows, sent in several chunks; the stored first row is refused before the last is sent.
    const batch = Array.from({ length: 4000 }, (_, i) => event({ text: `${i} ${'x'.repeat(300)}` }));
    expect(await ingestEvents(t.db, ws, batch.slice(0, 1))).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(await ingestEvents(t.db, ws, batch)).toEqual({ accepted: 3999, duplicates: 1, rejected: [] });
    const stored = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE workspace_id = $1 AND external_id = ANY($2::text[])', [ws, batch.map((e) => e.externalId)]);
    expect(stored[0]?.n).toBe(4000);
  });

  it('stores text, ids and attributes with tabs, newlines, backslashes and \\N exactly as sent', async () => {
    const awkward = 'tab\there\nline\r\nback\\slash \\N "quoted" ünïcode';
    const sent = event({ externalId: `odd\t${seq}\\N`, text: awkward, attributes: { note: awkward, nested: { list: [1, '\\'] } }, value: -0.000001 });
    expect(await ingestEvents(t.db, ws, [sent])).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const stored = await t.db.prisma.event.findFirst({ where: { workspaceId: ws, externalId: sent.externalId } });
    expect([stored?.text, stored?.attributes, stored?.value]).toEqual([awkward, { note: awkward, nested: { list: [1, '\\'] } }, -0.000001]);
  });

  it('counts a duplicate once in the KPI rollups', async () => {
    const day = event({ occurredAt: '2025-02-03T08:00:00Z', nps: 10, touchpointKey: 'front_desk' });
    await ingestEvents(t.db, ws, [day, day]);
    await ingestEvents(t.db, ws, [day]);
    const rollup = await t.db.query<{ events: number; nps_promoters: number }>(
      `SELECT sum(r.events)::int AS events, sum(r.nps_promoters)::int AS nps_promoters FROM kpi_rollup_days r
       JOIN touchpoints tp ON tp.id = r.touchpoint_id WHERE r.workspace_id = $1 AND tp.key = 'front_desk' AND r.day = '2025-02-03'`,
      [ws],
    );
    expect(rollup).toEqual([{ events: 1, nps_promoters: 1 }]);
  });

  it('rejects bad rows with reasons, keeps them for review and accepts the rest of the batch', async () => {
    const good = event();
    const bad: unknown[] = [
      event({ nps: 11 }),
      event({ touchpointKey: 'x' }),
      { ...event(), kind: 'TELEPATHY' },
      event({ occurredAt: 'yesterday' }),
      event({ customerRef: 'nobody' }),
      event({ customerRef: 'email:not-an-address' }),
      { ...event(), csat: 2.5, ces: 9 },
      'not an event',
    ];
    const result = await ingestEvents(t.db, ws, [good, ...bad], { defaultSource: 'fallback' });
    expect(result.accepted).toBe(1);
    expect(result.rejected.map((r) => [r.index, r.reason])).toEqual([
      [1, 'nps must be an integer 0–10, got 11'],
      [2, 'unknown touchpoint key "x"'],
      [3, expect.stringMatching(/^kind must be one of VIEW, CLICK, .*COMPLAINT, got "TELEPATHY"$/)],
      [4, 'occurredAt must be an ISO-8601 date-time, got "yesterday"'],
      [5, 'customer ref must look like "<kind>:<value>" (e.g. "email:ana@example.com", "crm:hubspot:123"), got "nobody"'],
      [6, 'email ref must hold an e-mail address or its SHA-256, got "not-an-address"'],
      [7, 'csat must be an integer 1–5, got 2.5; ces must be an integer 1–7, got 9'],
      [8, 'event must be an object, got "not an event"'],
    ]);
    expect(result.rejected[0]?.externalId).toBe(field(bad[0], 'externalId'));
    const kept = await t.db.prisma.rejectedEvent.findMany({ where: { workspaceId: ws }, orderBy: { rowIndex: 'asc' } });
    expect(kept.map((k) => k.rowIndex)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(kept[0]?.payload).toMatchObject({ nps: 11, touchpointKey: 'web.home' });
    expect(kept[7]?.source).toBe('fallback');
  });

  it('stores e-mail and phone refs as SHA-256 of the normalised value unless the workspace opts into raw storage', async () => {
    await ingestEvents(t.db, ws, [event({ customerRef: 'email: Ana@Example.COM ', linkedRefs: ['phone:+351 912-345-678'] })]);
    const rawWs = await seedWorkspace(t, 'Raw', true);
    await ingestEvents(t.db, rawWs, [event({ customerRef: 'email: Ana@Example.COM ', linkedRefs: ['phone:+351 912-345-678'] })]);
    expect(await customerOfRef(t, ws, `email:${sha('ana@example.com')}`)).toBeDefined();
    expect(await customerOfRef(t, ws, `phone:${sha('351912345678')}`)).toBe(await customerOfRef(t, ws, `email:${sha('ana@example.com')}`));
    expect(await customerOfRef(t, rawWs, 'email:ana@example.com')).toBeDefined();
    expect(await customerOfRef(t, rawWs, 'phone:351912345678')).toBeDefined();
    const leaked = await t.db.query("SELECT ref FROM customer_identities WHERE workspace_id = $1 AND ref LIKE '%example.com%'", [ws]);
    expect(leaked).toEqual([]);
  });

  it('merges customers linked by an event, transitively, and re-points their events to the survivor', async () => {
    const [a, b, c, d] = ['crm:m:a', 'crm:m:b', 'crm:m:c', 'crm:m:d'];
    const first = [event({ customerRef: a }), event({ customerRef: b }), event({ customerRef: c, linkedRefs: [d] })];
    await ingestEvents(t.db, ws, first);
    const before = await Promise.all([a, b, c].map((r) => customerOfRef(t, ws, r ?? '')));
    expect(new Set(before).size).toBe(3);
    const linking = event({ customerRef: a, linkedRefs: [b] });
    await ingestEvents(t.db, ws, [linking]);
    await ingestLinks(t.db, ws, [{ refs: [b, d] }]);
    const after = await Promise.all([a, b, c, d].map((r) => customerOfRef(t, ws, r ?? '')));
    expect(new Set(after).size).toBe(1);
    const survivor = after[0];
    expect(before).toContain(survivor);
    const ids = [...first, linking].map((e) => e.externalId);
    const eventCustomers = await t.db.query<{ id: string }>('SELECT DISTINCT customer_id AS id FROM events WHERE workspace_id = $1 AND external_id = ANY($2::text[])', [ws, ids]);
    expect(eventCustomers.map((r) => r.id)).toEqual([survivor]);
    const losers = await t.db.prisma.customer.findMany({ where: { workspaceId: ws, id: { in: before.filter((x): x is string => x !== undefined && x !== survivor) } } });
    expect(losers.map((m) => m.mergedIntoId)).toEqual([survivor, survivor]);
  });

  it('reports rejected link records and keeps the valid ones', async () => {
    const result = await ingestLinks(t.db, ws, [{ refs: ['crm:l:1', 'crm:l:2'] }, { refs: ['crm:l:3'] }, { refs: ['crm:l:4', 'bad'] }]);
    expect(result.linked).toBe(1);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(result.rejected[0]?.reason).toMatch(/at least 2 refs/);
    expect(await customerOfRef(t, ws, 'crm:l:1')).toBe(await customerOfRef(t, ws, 'crm:l:2'));
  });

  it('splits large inputs into batches and reports rejected rows by their position in the whole input', async () => {
    const inputs = Array.from({ length: 10 }, (_, i) => event(i % 4 === 3 ? { nps: -1 } : {}));
    const result = await ingestEvents(t.db, ws, inputs, { batchSize: 3 });
    expect(result.accepted).toBe(8);
    expect(result.rejected.map((r) => r.index)).toEqual([3, 7]);
  });

  it('ingests a stream in batches', async () => {
    async function* rows(): AsyncGenerator<EventInput> {
      for (let i = 0; i < 25; i += 1) yield event({ customerRef: `crm:stream:${i % 5}` });
    }
    const result = await ingestEventStream(t.db, ws, rows(), { batchSize: 7 });
    expect(result).toEqual({ accepted: 25, duplicates: 0, rejected: [] });
    const distinct = await t.db.query<{ n: number }>(
      "SELECT count(DISTINCT customer_id)::int AS n FROM customer_identities WHERE workspace_id = $1 AND ref LIKE 'crm:stream:%'",
      [ws],
    );
    expect(distinct[0]?.n).toBe(5);
  });

  it('refuses a workspace that does not exist', async () => {
    await expect(ingestEvents(t.db, '99999999-9999-4999-8999-999999999999', [event()])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an event row whose workspace is not its touchpoint’s, and deletes events with their workspace', async () => {
    const other = await seedWorkspace(t, 'Other');
    expect(await ingestEvents(t.db, other, [event(), event()])).toMatchObject({ accepted: 2 });
    const stored = await t.db.query<{ touchpoint_id: string; customer_id: string }>('SELECT touchpoint_id, customer_id FROM events WHERE workspace_id = $1 LIMIT 1', [other]);
    const row = stored[0];
    await expect(t.db.query(
      `INSERT INTO events (workspace_id, source, external_id, touchpoint_id, customer_id, occurred_at, kind) VALUES ($1, 'test', 'cross', $2, $3, now(), 'VIEW')`,
      [ws, row?.touchpoint_id, row?.customer_id],
    )).rejects.toThrow(/foreign key/);
    await t.db.query('DELETE FROM workspaces WHERE id = $1', [other]);
    expect(await t.db.query('SELECT 1 FROM events WHERE workspace_id = $1', [other])).toEqual([]);
  });
});

function field(input: unknown, key: string): unknown {
  return typeof input === 'object' && input !== null ? Reflect.get(input, key) : undefined;
}

describe('ingestion under concurrency on postgres', () => {
  it('stores each event once when parallel batches send overlapping events', async () => {
    const t = await createTestDatabase('postgres', { poolSize: 8 });
    try {
      const ws = await seedWorkspace(t, 'Overlap');
      const events = Array.from({ length: 40 }, () => event());
      // Batch i holds events i*5 … i*5+14: each event is sent by up to three batches at once.
      const batches = Array.from({ length: 6 }, (_, i) => events.slice(i * 5, i * 5 + 15));
      const results = await Promise.all(batches.map((batch) => ingestEvents(t.db, ws, batch)));
      const sent = batches.reduce((n, batch) => n + batch.length, 0);
      expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(events.length);
      expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(sent - events.length);
      const stored = await t.db.query<{ n: number; distinct: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS distinct FROM events WHERE workspace_id = $1',
        [ws],
      );
      expect(stored[0]).toEqual({ n: events.length, distinct: events.length });
    } finally {
      await t.drop();
    }
  });

  it('stitches overlapping refs from parallel batches into one customer per person', async () => {
    const t = await createTestDatabase('postgres', { poolSize: 8 });
    try {
      const ws = await seedWorkspace(t, 'Parallel');
      // 6 people, each with 3 refs; every batch sees each person through a different pair of refs.
      const batches = Array.from({ length: 6 }, (_, b) =>
        Array.from({ length: 6 }, (_, p) => event({ customerRef: `crm:p${p}:${b % 3}`, linkedRefs: [`crm:p${p}:${(b + 1) % 3}`] })),
      );
      const results = await Promise.all(batches.map((batch) => ingestEvents(t.db, ws, batch)));
      expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(36);
      const people = await t.db.query<{ person: string; customers: number }>(
        `SELECT split_part(ref, ':', 2) AS person, count(DISTINCT customer_id)::int AS customers
         FROM customer_identities WHERE workspace_id = $1 GROUP BY 1 ORDER BY 1`,
        [ws],
      );
      expect(people).toEqual(Array.from({ length: 6 }, (_, p) => ({ person: `p${p}`, customers: 1 })));
      const eventCustomers = await t.db.query<{ n: number }>('SELECT count(DISTINCT customer_id)::int AS n FROM events WHERE workspace_id = $1', [ws]);
      expect(eventCustomers[0]?.n).toBe(6);
    } finally {
      await t.drop();
    }
  });
});
