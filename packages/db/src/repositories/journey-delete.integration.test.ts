import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvents } from '../ingest/ingest-events.js';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import { deleteJourney } from './journey-delete.js';

describe.each(DB_KINDS)('deleteJourney on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  let seq = 0;
  // A journey with two touchpoints and three events, and a second journey in the same workspace.
  async function seed(): Promise<{ ws: string; journeyId: string; tps: string[]; keptJourney: string }> {
    seq += 1;
    const ws = await t.db.prisma.workspace.create({ data: { name: `Journeys ${seq}` } });
    const journey = await t.db.prisma.journey.create({ data: { workspaceId: ws.id, name: 'Trial stay' } });
    const kept = await t.db.prisma.journey.create({ data: { workspaceId: ws.id, name: 'Kept' } });
    const stage = await t.db.prisma.stage.create({ data: { workspaceId: ws.id, journeyId: journey.id, name: 'Visit', position: 0 } });
    const keptStage = await t.db.prisma.stage.create({ data: { workspaceId: ws.id, journeyId: kept.id, name: 'Visit', position: 0 } });
    const tps: string[] = [];
    for (const [i, key] of ['desk', 'spa'].entries()) {
      tps.push((await t.db.prisma.touchpoint.create({ data: { workspaceId: ws.id, stageId: stage.id, key: `${key}-${seq}`, name: key, type: 'CONTACT', channel: 'on_site', mode: 'OFFLINE', position: i } })).id);
    }
    await t.db.prisma.touchpoint.create({ data: { workspaceId: ws.id, stageId: keptStage.id, key: `web-${seq}`, name: 'web', type: 'CONTACT', channel: 'web', mode: 'ONLINE' } });
    const event = (n: number, key: string) => ({ source: 'test', externalId: `e${seq}-${n}`, touchpointKey: key, customerRef: `crm:test:${n}`, occurredAt: '2026-03-01T10:00:00Z', kind: 'VIEW' as const });
    const result = await ingestEvents(t.db, ws.id, [event(1, `desk-${seq}`), event(2, `spa-${seq}`), event(3, `spa-${seq}`), event(4, `web-${seq}`)]);
    expect(result.accepted).toBe(4);
    return { ws: ws.id, journeyId: journey.id, tps, keptJourney: kept.id };
  }
  const count = async (sql: string, params: unknown[]) => Number((await t.db.query<{ n: number }>(sql, params))[0]?.n ?? 0);

  it('refuses while a touchpoint is in an initiative or an audit runs, then deletes the journey with its touchpoints and events', async () => {
    const { ws, journeyId, tps, keptJourney } = await seed();
    const initiative = await t.db.prisma.initiative.create({
      data: { workspaceId: ws, name: 'Spa relaunch', startDate: new Date('2026-02-01T00:00:00Z'), cost: 900, touchpoints: { create: [{ workspaceId: ws, touchpointId: tps[1]! }] } },
    });
    expect(await deleteJourney(t.db, ws, journeyId)).toEqual({ status: 'in-initiatives', name: 'Trial stay', initiatives: ['Spa relaunch'] });
    await t.db.prisma.initiative.delete({ where: { id: initiative.id } });
    const audit = await t.db.prisma.consistencyAudit.create({ data: { workspaceId: ws, journeyId, status: 'RUNNING' } });
    expect(await deleteJourney(t.db, ws, journeyId)).toEqual({ status: 'auditing', name: 'Trial stay', audits: 1 });
    expect(await count('SELECT count(*)::int AS n FROM events WHERE workspace_id = $1::uuid', [ws])).toBe(4);

    await t.db.prisma.consistencyAudit.update({ where: { id: audit.id }, data: { status: 'COMPLETED' } });
    expect(await deleteJourney(t.db, ws, journeyId)).toEqual({ status: 'deleted', name: 'Trial stay', touchpoints: 2, events: 3 });
    expect(await t.db.prisma.journey.findUnique({ where: { id: journeyId } })).toBeNull();
    expect(await count('SELECT count(*)::int AS n FROM touchpoints WHERE id = ANY($1::uuid[])', [tps])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM events WHERE workspace_id = $1::uuid', [ws])).toBe(1);
    expect(await t.db.prisma.journey.findUnique({ where: { id: keptJourney } })).not.toBeNull();
    expect(await deleteJourney(t.db, ws, journeyId)).toEqual({ status: 'not-found' });
  });

  it("does not see another workspace's journey", async () => {
    const mine = await seed();
    const theirs = await seed();
    expect(await deleteJourney(t.db, mine.ws, theirs.journeyId)).toEqual({ status: 'not-found' });
    expect(await t.db.prisma.journey.findUnique({ where: { id: theirs.journeyId } })).not.toBeNull();
  });

  it.runIf(kind === 'postgres')('waits for an initiative taking one of its touchpoints, then refuses: the initiative keeps it', async () => {
    const { ws, journeyId, tps } = await seed();
    await t.db.withPgClient(async (client) => {
      await client.query('BEGIN');
      const [created] = (await client.query<{ id: string }>(
        `INSERT INTO initiatives (id, workspace_id, name, start_date, cost, updated_at) VALUES (gen_random_uuid(), $1, 'Late initiative', '2026-02-01', 100, now()) RETURNING id`, [ws])).rows;
      await client.query('INSERT INTO initiative_touchpoints (workspace_id, initiative_id, touchpoint_id) VALUES ($1, $2, $3)', [ws, created!.id, tps[0]]);
      const pending = deleteJourney(t.db, ws, journeyId);
      let settled = false;
      void pending.then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await client.query('COMMIT');
      expect(await pending).toEqual({ status: 'in-initiatives', name: 'Trial stay', initiatives: ['Late initiative'] });
    });
    expect(await t.db.prisma.journey.findUnique({ where: { id: journeyId } })).not.toBeNull();
  });
});
