import { findActiveApiToken } from '@waymark/db';
import type { DbPrisma } from '@waymark/db';
import type { Principal, RequestContext } from './auth-context.js';

const CACHE_MS = 10_000;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

// Resolves bearer tokens to principals; a short cache keeps the hash lookup off the hot path while
// a revoked token stops working within CACHE_MS.
export class TokenAuthenticator {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(private readonly prisma: DbPrisma) {}

  async contextFor(authorization: string | undefined): Promise<RequestContext> {
    if (!authorization) return { principal: null, authProblem: null };
    const match = BEARER.exec(authorization);
    if (!match?.[1]) return { principal: null, authProblem: 'The Authorization header must be "Bearer <token>".' };
    const principal = await this.lookup(match[1]);
    if (!principal) return { principal: null, authProblem: 'The bearer token is unknown, revoked or expired; create a new one with createApiToken.' };
    return { principal, authProblem: null };
  }

  private async lookup(secret: string): Promise<Principal | null> {
    const now = Date.now();
    const cached = this.cache.get(secret);
    if (cached && cached.until > now) return cached.principal;
    const token = await findActiveApiToken(this.prisma, secret);
    const principal = token ? { tokenId: token.id, workspaceId: token.workspaceId, role: token.role } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(secret, { principal, until: now + CACHE_MS });
    return principal;
  }
}
