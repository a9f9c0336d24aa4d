import { describe, expect, it } from 'vitest';
import { scopeArgs } from './workspace-scope.js';

const WS = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

describe('scopeArgs', () => {
  it('adds the workspace to filters of reads, updates and deletes', () => {
    for (const op of ['findMany', 'findFirst', 'findUnique', 'count', 'aggregate', 'groupBy', 'update', 'updateMany', 'delete', 'deleteMany']) {
      expect(scopeArgs('Journey', op, { where: { name: 'x' } }, WS).where, op).toEqual({ name: 'x', workspaceId: WS });
    }
    expect(scopeArgs('Journey', 'findMany', undefined, WS)).toEqual({ where: { workspaceId: WS } });
  });

  it('scopes the workspace row by its id', () => {
    expect(scopeArgs('Workspace', 'findMany', {}, WS)).toEqual({ where: { id: WS } });
    expect(() => scopeArgs('Workspace', 'findMany', { where: { id: OTHER } }, WS)).toThrow(/outside the scoped workspace/);
  });

  it('fills in the workspace on creates and on every nested create, connect and upsert', () => {
    const args = scopeArgs('Journey', 'create', {
      data: {
        name: 'J',
        stages: {
          create: [{ name: 'S', position: 0, touchpoints: { createMany: { data: [{ key: 'k' }] } } }],
          connect: [{ id: 's1' }],
          connectOrCreate: { where: { id: 's2' }, create: { name: 'T', position: 1 } },
          upsert: [{ where: { id: 's3' }, create: { name: 'U', position: 2 }, update: { name: 'U2' } }],
        },
      },
    }, WS);
    expect(args).toEqual({
      data: {
        name: 'J',
        workspaceId: WS,
        stages: {
          create: [{ name: 'S', position: 0, workspaceId: WS, touchpoints: { createMany: { data: [{ key: 'k', workspaceId: WS }] } } }],
          connect: [{ id: 's1', workspaceId: WS }],
          connectOrCreate: { where: { id: 's2', workspaceId: WS }, create: { name: 'T', position: 1, workspaceId: WS } },
          upsert: [{ where: { id: 's3', workspaceId: WS }, create: { name: 'U', position: 2, workspaceId: WS }, update: { name: 'U2' } }],
        },
      },
    });
    expect(scopeArgs('Event', 'createMany', { data: [{ source: 'a' }, { source: 'b' }] }, WS)).toEqual({
      data: [{ source: 'a', workspaceId: WS }, { source: 'b', workspaceId: WS }],
    });
  });

  it('leaves JSON values alone even when they contain relation-like keys', () => {
    const facts = { workspace: 'x', workspaceId: OTHER, create: { a: 1 } };
    expect(scopeArgs('Touchpoint', 'update', { where: { id: 't' }, data: { facts } }, WS).data).toEqual({ facts });
  });

  it('refuses another workspace anywhere in the arguments', () => {
    expect(() => scopeArgs('Journey', 'create', { data: { name: 'J', workspaceId: OTHER } }, WS)).toThrow(/outside the scoped workspace/);
    expect(() => scopeArgs('Journey', 'create', { data: { name: 'J', stages: { create: [{ workspaceId: OTHER }] } } }, WS)).toThrow(/outside/);
    expect(() => scopeArgs('User', 'findUnique', { where: { workspaceId_email: { workspaceId: OTHER, email: 'e' } } }, WS)).toThrow(/workspaceId_email/);
    expect(() => scopeArgs('Journey', 'create', { data: { workspace: { connect: { id: WS } } } }, WS)).toThrow(/set workspaceId instead/);
  });
});
