import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import { forWorkspace } from './workspace-scope.js';
import type { ScopedPrisma } from './workspace-scope.js';

describe.each(DB_KINDS)('workspace scoping on %s', (kind) => {
  let t: TestDatabase;
  let a: ScopedPrisma;
  let b: ScopedPrisma;
  let wsA: string;
  let wsB: string;
  let journeyB: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    wsA = (await t.db.prisma.workspace.create({ data: { name: 'A' } })).id;
    wsB = (await t.db.prisma.workspace.create({ data: { name: 'B' } })).id;
    a = forWorkspace(t.db.prisma, wsA);
    b = forWorkspace(t.db.prisma, wsB);
    await a.journey.create({ data: { workspaceId: wsA, name: 'A journey', stages: { create: [{ workspaceId: wsA, name: 'Awareness', position: 0 }] } } });
    journeyB = (await b.journey.create({ data: { workspaceId: wsB, name: 'B journey' } })).id;
  });
  afterAll(async () => {
    await t.drop();
  });

  it('keeps created rows, nested ones included, in the workspace', async () => {
    const journey = await a.journey.findFirstOrThrow({ include: { stages: true } });
    expect(journey.workspaceId).toBe(wsA);
    expect(journey.stages.map((s) => s.workspaceId)).toEqual([wsA]);
  });

  it('reads only its own workspace rows', async () => {
    expect((await a.journey.findMany()).map((j) => j.name)).toEqual(['A journey']);
    expect(await a.journey.count()).toBe(1);
    expect(await a.journey.findUnique({ where: { id: journeyB } })).toBeNull();
    expect(await a.journey.findFirst({ where: { name: 'B journey' } })).toBeNull();
    expect((await a.workspace.findMany()).map((w) => w.id)).toEqual([wsA]);
  });

  it('cannot update or delete another workspace row', async () => {
    await expect(a.journey.update({ where: { id: journeyB }, data: { name: 'stolen' } })).rejects.toThrow();
    expect((await a.journey.deleteMany({ where: { id: journeyB } })).count).toBe(0);
    expect((await t.db.prisma.journey.findUniqueOrThrow({ where: { id: journeyB } })).name).toBe('B journey');
  });

  it('refuses arguments that name another workspace', async () => {
    await expect(a.journey.create({ data: { name: 'x', workspaceId: wsB } })).rejects.toMatchObject({ code: 'WORKSPACE_SCOPE' });
    await expect(a.journey.findMany({ where: { workspaceId: wsB } })).rejects.toThrow(/outside the scoped workspace/);
    await expect(a.journey.updateMany({ data: { workspaceId: wsB } })).rejects.toThrow(/outside the scoped workspace/);
    await expect(a.journey.create({ data: { name: 'x', workspace: { connect: { id: wsB } } } })).rejects.toThrow(/set workspaceId instead/);
    await expect(a.workspace.create({ data: { name: 'new' } })).rejects.toThrow(/not allowed on a workspace-scoped client/);
  });

  it('cannot attach another workspace row through a nested connect', async () => {
    const stageB = await b.stage.create({ data: { workspaceId: wsB, name: 'B stage', position: 0, journeyId: journeyB } });
    const journeyA = await a.journey.findFirstOrThrow();
    await expect(a.journey.update({ where: { id: journeyA.id }, data: { stages: { connect: [{ id: stageB.id }] } } })).rejects.toThrow();
    expect((await t.db.prisma.stage.findUniqueOrThrow({ where: { id: stageB.id } })).journeyId).toBe(journeyB);
  });

  it('refuses raw SQL, which it could not scope', async () => {
    await expect(a.$queryRawUnsafe('SELECT 1')).rejects.toThrow(/not available on a workspace-scoped client/);
  });

  it('upserts inside the workspace only', async () => {
    const user = await a.user.upsert({
      where: { workspaceId_email: { workspaceId: wsA, email: 'x@example.com' } },
      create: { workspaceId: wsA, email: 'x@example.com', name: 'X', role: 'ADMIN' },
      update: { name: 'X2' },
    });
    expect(user.workspaceId).toBe(wsA);
    await expect(
      a.user.upsert({ where: { workspaceId_email: { workspaceId: wsB, email: 'y@example.com' } }, create: { workspaceId: wsA, email: 'y@example.com', name: 'Y', role: 'ADMIN' }, update: {} }),
    ).rejects.toThrow();
    expect(await t.db.prisma.user.count({ where: { workspaceId: wsB } })).toBe(0);
  });
});
