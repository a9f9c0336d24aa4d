import type { DbPrisma } from '../client/db.js';
import { forWorkspace } from '../scoping/workspace-scope.js';
import type { ScopedPrisma } from '../scoping/workspace-scope.js';

// A scoped client per (client, workspace): $extends is cheap but not free, and the API builds
// repositories on every request.
const cache = new WeakMap<DbPrisma, Map<string, ScopedPrisma>>();

export function scoped(prisma: DbPrisma, workspaceId: string): ScopedPrisma {
  let byWorkspace = cache.get(prisma);
  if (!byWorkspace) {
    byWorkspace = new Map();
    cache.set(prisma, byWorkspace);
  }
  let client = byWorkspace.get(workspaceId);
  if (!client) {
    client = forWorkspace(prisma, workspaceId);
    byWorkspace.set(workspaceId, client);
  }
  return client;
}

// Keyset pagination over (createdAt desc, id desc) encoded as an opaque cursor.
export interface Page<T> {
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export function encodeCursor(id: string | bigint): string {
  return Buffer.from(String(id)).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

export function toPage<T extends { id: string | bigint }>(rows: T[], first: number): Page<T> {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return { nodes, endCursor: last ? encodeCursor(last.id) : null, hasNextPage: rows.length > first };
}
