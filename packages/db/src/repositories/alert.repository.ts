import type { DbPrisma } from '../client/db.js';
import type { Alert, AlertStatus } from '../generated/prisma/client.js';
import { scoped } from './scoped-cache.js';

export function alertRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    list(status?: AlertStatus | null): Promise<Alert[]> {
      return db.alert.findMany({ where: status ? { status } : {}, orderBy: [{ openedAt: 'desc' }, { id: 'asc' }] });
    },
    // Status changes go through changeAlertStatus, which queues the notifications with them.
    find(id: string): Promise<Alert | null> {
      return db.alert.findFirst({ where: { id } });
    },
  };
}
