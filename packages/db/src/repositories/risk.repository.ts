import type { DbPrisma } from '../client/db.js';
import type { TouchpointRisk } from '../generated/prisma/client.js';
import { scoped } from './scoped-cache.js';

// Rows without a rank (none are written so) keep their score order after the ranked ones.
function rankOf(row: TouchpointRisk): number {
  const rank: unknown = typeof row.components === 'object' && row.components !== null && !Array.isArray(row.components) ? Reflect.get(row.components, 'rank') : undefined;
  return typeof rank === 'number' ? rank : Number.MAX_SAFE_INTEGER;
}

export function riskRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    // The ranked register, in the order of the rank the assessment gave each row (highest score
    // first, ties by touchpoint key), so the list and its Rank column agree.
    async register(journeyId: string): Promise<TouchpointRisk[]> {
      const rows = await db.touchpointRisk.findMany({ where: { journeyId }, orderBy: [{ score: 'desc' }, { touchpointId: 'asc' }] });
      return rows.sort((a, b) => rankOf(a) - rankOf(b));
    },
  };
}
