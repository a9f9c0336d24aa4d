import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import { deleteTouchpoint } from './touchpoint-delete.js';

describe.each(DB_KINDS)('deleteTouchpoint on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  async function stage(): Promise<{ ws: string; stageId: string; add: (key: string) => Promise<string> }> {
    const ws = await t.db.prisma.workspace.create({ data: { name: 'Delete' } });
    const journey = await t.db.prisma.journey.create({ data: { workspaceId: ws.id, name: 'Stay' } });
    const created = await t.db.prisma.stage.create({ data: { workspaceId: ws.id, journeyId: journey.id, name: 'Visit', position: 0 } });
    let position = 0;
    const add = async (key: string) =>
      (await t.db.prisma.touchpoint.create({ data: { workspaceId: ws.id, stageId: created.id, key, name: key, type: 'CONTACT', channel: 'web', mode: 'ONLINE', position: position++ } })).id;
    return { ws: ws.id, stageId: created.id, add };
  }
  const order = async (stageId: string) => (await t.db.query<{ key: string; position: number }>('SELECT key, position FROM touchpoints WHERE stage_id = $1::uuid ORDER BY position', [stageId])).map((r) => `${r.position}:${r.key}`);

  it('deletes an unused touchpoint and renumbers its stage; another workspace cannot', async () => {
    const { ws, stageId, add } = await stage();
    const [a, b] = [await add(`a-${kind}`), await add(`b-${kind}`)];
    await add(`c-${kind}`);
    const other = await stage();
    expect(await deleteTouchpoint(t.db, other.ws, b)).toEqual({ status: 'not-found' });
    expect(await deleteTouchpoint(t.db, ws, b)).toEqual({ status: 'deleted', key: `b-${kind}` });
    expect(await order(stageId)).toEqual([`0:a-${kind}`, `1:c-${kind}`]);
    expect(await deleteTouchpoint(t.db, ws, a)).toEqual({ status: 'deleted', key: `a-${kind}` });
    expect(await order(stageId)).toEqual([`0:c-${kind}`]);
  });

  it.runIf(kind === 'postgres')('waits for an event being written for it, then refuses: the event is kept', async () => {
    const { ws, add } = await stage();
    const id = await add('busy');
    const customer = await t.db.prisma.customer.create({ data: { workspaceId: ws } });
    await t.db.withPgClient(async (client) => {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO events (workspace_id, touchpoint_id, customer_id, source, external_id, occurred_at, kind) VALUES ($1, $2, $3, 'test', 'busy-1', now(), 'VIEW')`,
        [ws, id, customer.id],
      );
      const pending = deleteTouchpoint(t.db, ws, id);
      let settled = false;
      void pending.then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await client.query('COMMIT');
      expect(await pending).toEqual({ status: 'in-use', key: 'busy', events: 1, initiatives: [] });
    });
    expect(await t.db.prisma.event.count({ where: { touchpointId: id } })).toBe(1);
  });
});
