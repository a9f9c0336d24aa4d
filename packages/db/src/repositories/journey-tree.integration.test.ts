import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import { findJourneyTree } from './journey-tree.query.js';
import { journeyRepository } from './journey.repository.js';

describe.each(DB_KINDS)('journey tree in one query on %s', (kind) => {
  let t: TestDatabase;
  let ws: string;
  let other: string;
  let journeyId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await t.db.prisma.workspace.create({ data: { name: 'Tree' } })).id;
    other = (await t.db.prisma.workspace.create({ data: { name: 'Other' } })).id;
    const journey = await t.db.prisma.journey.create({ data: { workspaceId: ws, name: 'Stay', description: 'A resort stay' } });
    journeyId = journey.id;
    // Stages inserted out of position order, touchpoints out of creation order: the query must sort.
    const later = await t.db.prisma.stage.create({ data: { workspaceId: ws, journeyId, name: 'Stay', position: 1 } });
    const first = await t.db.prisma.stage.create({ data: { workspaceId: ws, journeyId, name: 'Book', position: 0 } });
    await t.db.prisma.stage.create({ data: { workspaceId: ws, journeyId, name: 'Empty', position: 2 } });
    const touchpoint = (stageId: string, key: string, createdAt: string, extra: object = {}) =>
      t.db.prisma.touchpoint.create({ data: { workspaceId: ws, stageId, key, name: key.toUpperCase(), type: 'CONTACT', channel: 'web', mode: 'ONLINE', createdAt: new Date(createdAt), ...extra } });
    await touchpoint(first.id, 'site', '2026-01-01T10:00:00.002Z', { monthlyCost: 120.5, ownerTeam: 'Digital', facts: { lang: ['en', 'it'], nested: { ok: true } } });
    await touchpoint(first.id, 'ads', '2026-01-01T10:00:00.001Z');
    await touchpoint(later.id, 'desk', '2026-01-02T08:00:00Z', { type: 'EXPERIENCE', mode: 'OFFLINE', channel: 'front desk' });
  }, 60_000);
  afterAll(async () => {
    await t.drop();
  });

  it('returns exactly what the Prisma include returns, stages by position and touchpoints by creation', async () => {
    const tree = await findJourneyTree(t.db, ws, journeyId);
    expect(tree).toEqual(await journeyRepository(t.db.prisma, ws).findWithStages(journeyId));
    expect(tree?.stages.map((stage) => [stage.name, stage.touchpoints.map((tp) => tp.key)])).toEqual([['Book', ['ads', 'site']], ['Stay', ['desk']], ['Empty', []]]);
    expect(tree?.stages[0]?.touchpoints[1]?.createdAt).toEqual(new Date('2026-01-01T10:00:00.002Z'));
  });

  it('finds nothing for another workspace or an unknown id', async () => {
    expect(await findJourneyTree(t.db, other, journeyId)).toBeNull();
    expect(await findJourneyTree(t.db, ws, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
