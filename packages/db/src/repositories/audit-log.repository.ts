import type { DbPrisma } from '../client/db.js';
import type { AuditLogEntry, Prisma, Role } from '../generated/prisma/client.js';
import { decodeCursor, scoped } from './scoped-cache.js';

export interface AuditLogInput {
  actorId: string | null;
  actorRole: Role | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details?: Prisma.InputJsonValue;
}

export function auditLogRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    record(entry: AuditLogInput): Promise<AuditLogEntry> {
      return db.auditLogEntry.create({ data: { workspaceId, ...entry } });
    },
    list(first: number, after?: string | null): Promise<AuditLogEntry[]> {
      return db.auditLogEntry.findMany({
        orderBy: { id: 'desc' },
        take: first + 1,
        ...(after ? { cursor: { id: BigInt(decodeCursor(after)) }, skip: 1 } : {}),
      });
    },
  };
}
