import { DbError } from '../client/db.js';
import type { DbPrisma } from '../client/db.js';
import { relationTargets } from '../schema/schema-info.js';

// The one place workspace scoping is enforced. Every model except Workspace carries workspaceId;
// a scoped client adds it to every filter, every write and every nested write, and refuses
// arguments that name another workspace, so a repository cannot cross tenants even by mistake.

type Args = Record<string, unknown>;

const FILTERED = new Set([
  'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy',
  'update', 'updateMany', 'updateManyAndReturn', 'delete', 'deleteMany',
]);
const UNIQUE_REFS = new Set(['connect', 'set', 'disconnect', 'delete']);

const relations = relationTargets();

function isRecord(value: unknown): value is Args {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function refuse(model: string, why: string): never {
  throw new DbError('WORKSPACE_SCOPE', `${model}: ${why}`);
}

function each(value: unknown, fn: (item: Args) => Args): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => (isRecord(item) ? fn(item) : item));
  return isRecord(value) ? fn(value) : value;
}

class Scope {
  constructor(readonly workspaceId: string) {}

  where(model: string, where: unknown): Args {
    const field = model === 'Workspace' ? 'id' : 'workspaceId';
    const base = isRecord(where) ? where : {};
    const given = base[field];
    if (given !== undefined && given !== this.workspaceId) refuse(model, `${field} filter ${JSON.stringify(given)} is outside the scoped workspace`);
    // Compound unique keys (workspaceId_email: {…}) name the workspace too.
    for (const [key, value] of Object.entries(base)) {
      if (isRecord(value) && value.workspaceId !== undefined && value.workspaceId !== this.workspaceId) {
        refuse(model, `${key}.workspaceId ${JSON.stringify(value.workspaceId)} is outside the scoped workspace`);
      }
    }
    return { ...base, [field]: this.workspaceId };
  }

  create(model: string, data: unknown): Args {
    return { ...this.data(model, data), workspaceId: this.workspaceId };
  }

  // Scalars pass through (JSON values included); relation fields are walked as nested writes.
  data(model: string, data: unknown): Args {
    if (!isRecord(data)) return {};
    const targets = relations.get(model);
    const out: Args = {};
    for (const [key, value] of Object.entries(data)) {
      if (key === 'workspaceId' && value !== this.workspaceId) refuse(model, `workspaceId ${JSON.stringify(value)} is outside the scoped workspace`);
      const target = targets?.get(key);
      if (target === 'Workspace') refuse(model, 'set workspaceId instead of the workspace relation; the scope supplies it');
      out[key] = target === undefined || !isRecord(value) ? value : this.nested(target, value);
    }
    return out;
  }

  nested(model: string, write: Args): Args {
    const out: Args = {};
    for (const [op, value] of Object.entries(write)) {
      if (op === 'create') out[op] = each(value, (item) => this.create(model, item));
      else if (op === 'createMany') out[op] = isRecord(value) ? { ...value, data: each(value.data, (item) => this.create(model, item)) } : value;
      else if (op === 'connectOrCreate') out[op] = each(value, (item) => ({ where: this.where(model, item.where), create: this.create(model, item.create) }));
      else if (UNIQUE_REFS.has(op)) out[op] = each(value, (item) => this.where(model, item));
      else if (op === 'update' || op === 'updateMany') out[op] = each(value, (item) => this.nestedUpdate(model, item));
      else if (op === 'deleteMany') out[op] = each(value, (item) => this.where(model, item));
      else if (op === 'upsert') out[op] = each(value, (item) => this.nestedUpsert(model, item));
      else out[op] = value;
    }
    return out;
  }

  nestedUpdate(model: string, item: Args): Args {
    // To-many updates are { where, data }; a to-one update is the data itself.
    if ('data' in item && ('where' in item || Object.keys(item).length === 1)) {
      return { ...item, where: this.where(model, item.where), data: this.data(model, item.data) };
    }
    return this.data(model, item);
  }

  nestedUpsert(model: string, item: Args): Args {
    const out: Args = { ...item, create: this.create(model, item.create), update: this.data(model, item.update) };
    if ('where' in item) out.where = this.where(model, item.where);
    return out;
  }

  args(model: string, operation: string, rawArgs: unknown): Args {
    const args: Args = isRecord(rawArgs) ? { ...rawArgs } : {};
    // The workspace row itself is scoped by its id; creating workspaces is not a tenant operation.
    if (model === 'Workspace' && /^create|^upsert/.test(operation)) refuse(model, `${operation} is not allowed on a workspace-scoped client`);
    if (FILTERED.has(operation)) {
      const scoped: Args = { ...args, where: this.where(model, args.where) };
      if ('data' in args) scoped.data = this.data(model, args.data);
      return scoped;
    }
    if (operation === 'create') return { ...args, data: this.create(model, args.data) };
    if (operation === 'createMany' || operation === 'createManyAndReturn') {
      const rows: unknown[] = Array.isArray(args.data) ? args.data : [args.data];
      return { ...args, data: rows.map((row) => this.create(model, row)) };
    }
    if (operation === 'upsert') {
      return { ...args, where: this.where(model, args.where), create: this.create(model, args.create), update: this.data(model, args.update) };
    }
    return refuse(model, `operation ${operation} is not supported on a workspace-scoped client`);
  }
}

export function scopeArgs(model: string, operation: string, args: unknown, workspaceId: string): Args {
  return new Scope(workspaceId).args(model, operation, args);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertWorkspaceId(workspaceId: string): void {
  if (!UUID.test(workspaceId)) throw new DbError('WORKSPACE_SCOPE', `workspace id must be a UUID, got "${workspaceId}"`);
}

// A Prisma client whose every model operation is confined to one workspace. Raw SQL is refused:
// use db.query with the workspace id as an explicit parameter instead.
export function forWorkspace(prisma: DbPrisma, workspaceId: string) {
  assertWorkspaceId(workspaceId);
  const scope = new Scope(workspaceId);
  return prisma.$extends({
    name: 'workspace-scope',
    query: {
      $allOperations({ model, operation, args, query }) {
        if (model === undefined) refuse('raw', `${operation} is not available on a workspace-scoped client; use db.query with an explicit workspace_id parameter`);
        return query(scope.args(model, operation, args));
      },
    },
  });
}

export type ScopedPrisma = ReturnType<typeof forWorkspace>;

// One scoped client per (client, workspace): $extends is cheap but not free, and repositories are
// built per request.
const scopedClients = new WeakMap<DbPrisma, Map<string, ScopedPrisma>>();

export function scopedClient(prisma: DbPrisma, workspaceId: string): ScopedPrisma {
  let byWorkspace = scopedClients.get(prisma);
  if (!byWorkspace) {
    byWorkspace = new Map();
    scopedClients.set(prisma, byWorkspace);
  }
  let client = byWorkspace.get(workspaceId);
  if (!client) {
    client = forWorkspace(prisma, workspaceId);
    byWorkspace.set(workspaceId, client);
  }
  return client;
}
