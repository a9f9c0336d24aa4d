import type { DbPrisma } from '../client/db.js';
import type { TouchpointRisk } from '../generated/prisma/client.js';
import { scoped } from './scoped-cache.js';

export function riskRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    // The ranked register: highest score first.
    register(journeyId: string): Promise<TouchpointRisk[]> {
      return db.touchpointRisk.findMany({ where: { journeyId }, orderBy: [{ score: 'desc' }, { touchpointId: 'asc' }] });
    },
  };
}
