import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import { findJourneyTree } from './journey-tree.query.js';
import { journeyRepository } from './journey.repository.js';
import { touchpointRepository } from './touchpoint.repository.js';

const tp = (key: string) => ({ key, name: key, type: 'CONTACT' as const, channel: 'web', mode: 'ONLINE' as const });

describe.each(DB_KINDS)('touchpoint positions on %s', (kind) => {
  let t: TestDatabase;
  let ws: string;
  let journeyId: string;
  let stageIds: string[];

  const keysByStage = async () => {
    const tree = await findJourneyTree(t.db, ws, journeyId);
    return tree?.stages.map((stage) => stage.touchpoints.map((touchpoint) => `${touchpoint.key}@${touchpoint.position}`));
  };
  const idOf = async (key: string) => (await touchpointRepository(t.db.prisma, ws).findByKey(key))?.id ?? '';

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await t.db.prisma.workspace.create({ data: { name: 'Positions' } })).id;
    const journey = await journeyRepository(t.db.prisma, ws).create({
      name: 'Stay',
      stages: [{ name: 'Book', touchpoints: [tp('a'), tp('b'), tp('c')] }, { name: 'Stay', touchpoints: [tp('x')] }],
    });
    journeyId = journey.id;
    stageIds = journey.stages.map((stage) => stage.id);
  }, 60_000);
  afterAll(async () => {
    await t.drop();
  });

  it('numbers touchpoints of a new journey in input order and appends added ones', async () => {
    await touchpointRepository(t.db.prisma, ws).add(stageIds[1] ?? '', tp('y'));
    expect(await keysByStage()).toEqual([['a@0', 'b@1', 'c@2'], ['x@0', 'y@1']]);
  });

  it('reorders within a stage and keeps positions dense', async () => {
    const repo = touchpointRepository(t.db.prisma, ws);
    await repo.place(await idOf('c'), { position: 0 });
    expect(await keysByStage()).toEqual([['c@0', 'a@1', 'b@2'], ['x@0', 'y@1']]);
    await repo.place(await idOf('c'), { position: 99 });
    expect(await keysByStage()).toEqual([['a@0', 'b@1', 'c@2'], ['x@0', 'y@1']]);
  });

  it('moves to another stage at a position, renumbering the stage it left', async () => {
    const repo = touchpointRepository(t.db.prisma, ws);
    const moved = await repo.place(await idOf('a'), { stageId: stageIds[1] ?? '', position: 1 });
    expect(moved).toMatchObject({ stageId: stageIds[1], position: 1 });
    expect(await keysByStage()).toEqual([['b@0', 'c@1'], ['x@0', 'a@1', 'y@2']]);
    await repo.place(await idOf('b'), { stageId: stageIds[1] ?? '' });
    expect(await keysByStage()).toEqual([['c@0'], ['x@0', 'a@1', 'y@2', 'b@3']]);
  });

  it('orders the Prisma include and the list the same way as the one-query tree', async () => {
    const tree = await findJourneyTree(t.db, ws, journeyId);
    expect(await journeyRepository(t.db.prisma, ws).findWithStages(journeyId)).toEqual(tree);
    const listed = await touchpointRepository(t.db.prisma, ws).list({ journeyId });
    expect(listed.map((touchpoint) => touchpoint.key)).toEqual(['c', 'x', 'a', 'y', 'b']);
  });
});
