import type { DbPrisma } from '../client/db.js';
import type { Role, User } from '../generated/prisma/client.js';
import { scoped } from './scoped-cache.js';

export function userRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    list(): Promise<User[]> {
      return db.user.findMany({ orderBy: { createdAt: 'asc' } });
    },
    create(input: { email: string; name: string; role: Role }): Promise<User> {
      return db.user.create({ data: { workspaceId, ...input } });
    },
  };
}
