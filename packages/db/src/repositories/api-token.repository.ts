import { createHash, randomBytes } from 'node:crypto';
import type { DbPrisma } from '../client/db.js';
import type { ApiToken, Role } from '../generated/prisma/client.js';
import { scoped } from './scoped-cache.js';

export const API_TOKEN_PREFIX = 'wmk_';

export function hashApiToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
}

export interface CreatedApiToken {
  token: ApiToken;
  // The only time the secret exists outside the caller: it is stored as a hash.
  secret: string;
}

// Looking a token up by its hash is how a request finds its workspace, so it cannot be scoped.
export async function findActiveApiToken(prisma: DbPrisma, secret: string): Promise<ApiToken | null> {
  const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashApiToken(secret) } });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= Date.now())) return null;
  return token;
}

export function apiTokenRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    async create(input: { name: string; role: Role; secret?: string }): Promise<CreatedApiToken> {
      const secret = input.secret ?? generateApiTokenSecret();
      const token = await db.apiToken.create({
        data: { workspaceId, name: input.name, role: input.role, tokenHash: hashApiToken(secret), prefix: secret.slice(0, 8) },
      });
      return { token, secret };
    },
    list(): Promise<ApiToken[]> {
      return db.apiToken.findMany({ where: { revokedAt: null }, orderBy: { createdAt: 'asc' } });
    },
    async revoke(id: string): Promise<ApiToken | null> {
      const found = await db.apiToken.findFirst({ where: { id } });
      if (!found) return null;
      return db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    },
    async findByHashOfSecret(secret: string): Promise<ApiToken | null> {
      return db.apiToken.findFirst({ where: { tokenHash: hashApiToken(secret) } });
    },
  };
}
