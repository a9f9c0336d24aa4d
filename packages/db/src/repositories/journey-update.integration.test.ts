import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import { updateJourney } from './journey-update.js';

describe.each(DB_KINDS)('updateJourney on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  async function journey(names: string[]): Promise<{ ws: string; journeyId: string; stageIds: string[] }> {
    const ws = await t.db.prisma.workspace.create({ data: { name: 'Stages' } });
    const created = await t.db.prisma.journey.create({ data: { workspaceId: ws.id, name: 'Stay' } });
    const stageIds: string[] = [];
    for (const [position, name] of names.entries()) {
      stageIds.push((await t.db.prisma.stage.create({ data: { workspaceId: ws.id, journeyId: created.id, name, position } })).id);
    }
    return { ws: ws.id, journeyId: created.id, stageIds };
  }
  const stages = async (journeyId: string) =>
    (await t.db.query<{ name: string; position: number }>('SELECT name, position FROM stages WHERE journey_id = $1::uuid ORDER BY position', [journeyId])).map((s) => `${s.position}:${s.name}`);

  it('writes the list in its order: kept stages renamed and moved, new ones added, left-out empty ones removed', async () => {
    const { ws, journeyId, stageIds } = await journey(['A', 'B', 'C']);
    const [a, b] = stageIds;
    expect(await updateJourney(t.db, ws, journeyId, { stages: [{ id: b, name: 'B2' }, { name: 'New' }, { id: a, name: 'A' }] })).toEqual({ status: 'updated' });
    expect(await stages(journeyId)).toEqual(['0:B2', '1:New', '2:A']);
    // Another workspace's id for the journey is not found, and nothing changes.
    const other = await journey(['X']);
    expect(await updateJourney(t.db, other.ws, journeyId, { name: 'Taken' })).toEqual({ status: 'not-found' });
    expect(await updateJourney(t.db, ws, journeyId, { stages: [{ id: other.stageIds[0], name: 'X' }] })).toEqual({ status: 'unknown-stage', index: 0, id: other.stageIds[0] });
    expect(await stages(journeyId)).toEqual(['0:B2', '1:New', '2:A']);
  });

  it('refuses to leave out a stage holding touchpoints and writes nothing', async () => {
    const { ws, journeyId, stageIds } = await journey(['Plan', 'Visit']);
    const [plan, visit] = stageIds;
    await t.db.prisma.touchpoint.create({ data: { workspaceId: ws, stageId: plan!, key: `site-${kind}`, name: 'Site', type: 'CONTACT', channel: 'web', mode: 'ONLINE' } });
    const outcome = await updateJourney(t.db, ws, journeyId, { name: 'Renamed', stages: [{ id: visit, name: 'Visit' }] });
    expect(outcome).toEqual({ status: 'stages-in-use', stages: [{ id: plan, name: 'Plan', touchpoints: 1 }] });
    expect(await stages(journeyId)).toEqual(['0:Plan', '1:Visit']);
    expect((await t.db.prisma.journey.findUniqueOrThrow({ where: { id: journeyId } })).name).toBe('Stay');
  });

  it.runIf(kind === 'postgres')('waits for a touchpoint being added to the stage it removes, then refuses: the touchpoint is kept', async () => {
    const { ws, journeyId, stageIds } = await journey(['Doomed', 'Stays']);
    const [doomed, stays] = stageIds;
    await t.db.withPgClient(async (client) => {
      await client.query('BEGIN');
      await client.query(`INSERT INTO touchpoints (id, workspace_id, stage_id, key, name, type, channel, mode, updated_at) VALUES (gen_random_uuid(), $1, $2, 'late', 'Late', 'CONTACT', 'web', 'ONLINE', now())`, [ws, doomed]);
      const pending = updateJourney(t.db, ws, journeyId, { stages: [{ id: stays, name: 'Stays' }] });
      let settled = false;
      void pending.then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await client.query('COMMIT');
      expect(await pending).toEqual({ status: 'stages-in-use', stages: [{ id: doomed, name: 'Doomed', touchpoints: 1 }] });
    });
    expect(await stages(journeyId)).toEqual(['0:Doomed', '1:Stays']);
    expect(await t.db.prisma.touchpoint.count({ where: { key: 'late' } })).toBe(1);
  });
});
