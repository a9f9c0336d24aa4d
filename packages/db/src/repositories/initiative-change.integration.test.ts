import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import { deleteInitiative, updateInitiative } from './initiative-change.js';
import type { InitiativeValues } from './initiative-change.js';

describe.each(DB_KINDS)('updateInitiative and deleteInitiative on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  // A workspace with three touchpoints and an initiative on the first two.
  async function seed(): Promise<{ ws: string; tps: string[]; initiativeId: string }> {
    const ws = await t.db.prisma.workspace.create({ data: { name: 'Initiatives' } });
    const journey = await t.db.prisma.journey.create({ data: { workspaceId: ws.id, name: 'Stay' } });
    const stage = await t.db.prisma.stage.create({ data: { workspaceId: ws.id, journeyId: journey.id, name: 'Visit', position: 0 } });
    const tps: string[] = [];
    for (const key of ['a', 'b', 'c']) {
      const tp = await t.db.prisma.touchpoint.create({ data: { workspaceId: ws.id, stageId: stage.id, key: `${key}-${ws.id}`, name: key, type: 'CONTACT', channel: 'web', mode: 'ONLINE' } });
      tps.push(tp.id);
    }
    const initiative = await t.db.prisma.initiative.create({
      data: { workspaceId: ws.id, name: 'Kiosk', description: 'Lobby kiosk', startDate: new Date('2026-10-01T00:00:00Z'), cost: 500, touchpoints: { create: tps.slice(0, 2).map((touchpointId) => ({ workspaceId: ws.id, touchpointId })) } },
    });
    return { ws: ws.id, tps, initiativeId: initiative.id };
  }
  const stored = (id: string) => t.db.prisma.initiative.findUniqueOrThrow({ where: { id }, include: { touchpoints: { select: { touchpointId: true } } } });
  const linked = async (id: string) => (await stored(id)).touchpoints.map((link) => link.touchpointId).sort();

  it('merges the new values under the lock, replaces the touchpoint set, and moves updatedAt only on a change', async () => {
    const { ws, tps, initiativeId } = await seed();
    const before = await stored(initiativeId);
    let seen: InitiativeValues | null = null;
    const outcome = await updateInitiative(t.db, ws, initiativeId, (current) => {
      seen = current;
      return { ...current, cost: 750, endDate: new Date('2026-12-31T00:00:00Z'), touchpointIds: [tps[1]!, tps[2]!, tps[2]!] };
    });
    expect(outcome).toEqual({ status: 'updated', changed: true });
    expect(seen).toEqual({ name: 'Kiosk', description: 'Lobby kiosk', startDate: new Date('2026-10-01T00:00:00Z'), endDate: null, cost: 500, touchpointIds: [tps[0], tps[1]].sort() });
    const after = await stored(initiativeId);
    expect(after).toMatchObject({ name: 'Kiosk', description: 'Lobby kiosk', cost: 750, endDate: new Date('2026-12-31T00:00:00Z') });
    expect(await linked(initiativeId)).toEqual([tps[1], tps[2]].sort());
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());

    expect(await updateInitiative(t.db, ws, initiativeId, (current) => current)).toEqual({ status: 'updated', changed: false });
    expect((await stored(initiativeId)).updatedAt).toEqual(after.updatedAt);
  });

  it('refuses a touchpoint of another workspace and an initiative of another workspace, changing nothing', async () => {
    const { ws, tps, initiativeId } = await seed();
    const other = await seed();
    const foreign = await updateInitiative(t.db, ws, initiativeId, (current) => ({ ...current, cost: 1, touchpointIds: [tps[0]!, other.tps[0]!] }));
    expect(foreign).toEqual({ status: 'unknown-touchpoints', ids: [other.tps[0]] });
    expect(await updateInitiative(t.db, other.ws, initiativeId, (current) => current)).toEqual({ status: 'not-found' });
    expect(await deleteInitiative(t.db, other.ws, initiativeId)).toEqual({ status: 'not-found' });
    expect((await stored(initiativeId)).cost).toBe(500);
    expect(await linked(initiativeId)).toEqual([tps[0], tps[1]].sort());
  });

  it('rolls back when merge refuses the values', async () => {
    const { ws, initiativeId } = await seed();
    const refuse = () => {
      throw new Error('cost must be greater than zero');
    };
    await expect(updateInitiative(t.db, ws, initiativeId, refuse)).rejects.toThrow('cost must be greater than zero');
    expect((await stored(initiativeId)).cost).toBe(500);
  });

  it('deletes the initiative with its links and evaluations; refuses while one is queued or running', async () => {
    const { ws, tps, initiativeId } = await seed();
    const running = await t.db.prisma.roiEvaluation.create({ data: { workspaceId: ws, initiativeId, status: 'RUNNING' } });
    await t.db.prisma.roiEvaluation.create({ data: { workspaceId: ws, initiativeId, status: 'COMPLETED', roi: 0.4 } });
    expect(await deleteInitiative(t.db, ws, initiativeId)).toEqual({ status: 'evaluating', name: 'Kiosk', evaluations: 1 });
    await t.db.prisma.roiEvaluation.update({ where: { id: running.id }, data: { status: 'FAILED' } });
    expect(await deleteInitiative(t.db, ws, initiativeId)).toEqual({ status: 'deleted', name: 'Kiosk' });
    expect(await t.db.prisma.initiative.count({ where: { id: initiativeId } })).toBe(0);
    expect(await t.db.prisma.roiEvaluation.count({ where: { initiativeId } })).toBe(0);
    expect(await t.db.prisma.initiativeTouchpoint.count({ where: { initiativeId } })).toBe(0);
    expect(await t.db.prisma.touchpoint.count({ where: { id: { in: tps } } })).toBe(3);
    expect(await deleteInitiative(t.db, ws, initiativeId)).toEqual({ status: 'not-found' });
  });

  it.runIf(kind === 'postgres')('a second edit waits for the first and merges onto its values', async () => {
    const { ws, initiativeId } = await seed();
    await t.db.withPgClient(async (client) => {
      await client.query('BEGIN');
      await client.query('SELECT 1 FROM initiatives WHERE id = $1 FOR UPDATE', [initiativeId]);
      let seenCost = 0;
      const pending = updateInitiative(t.db, ws, initiativeId, (current) => {
        seenCost = current.cost;
        return { ...current, name: 'Kiosk 2' };
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seenCost).toBe(0);
      await client.query('UPDATE initiatives SET cost = 900 WHERE id = $1', [initiativeId]);
      await client.query('COMMIT');
      await pending;
      expect(seenCost).toBe(900);
    });
    expect(await stored(initiativeId)).toMatchObject({ name: 'Kiosk 2', cost: 900 });
  });
});
