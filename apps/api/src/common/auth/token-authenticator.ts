import { findActiveApiToken } from '@waymark/db';
import type { DbPrisma } from '@waymark/db';
import type { Principal, RequestContext } from './auth-context.js';

const CACHE_MS = 10_000;
const MAX_CACHED = 10_000;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

interface Cached {
  principal: Principal | null;
  until: number;
}

// Resolves bearer tokens to principals. A short cache keeps the hash lookup off the hot path; a token
// revoked through this process stops at once (forget), one revoked elsewhere within CACHE_MS, and an
// expiring token is never cached past its expiry.
export class TokenAuthenticator {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly prisma: DbPrisma) {}

  async contextFor(authorization: string | undefined): Promise<RequestContext> {
    if (!authorization) return { principal: null, authProblem: null };
    const match = BEARER.exec(authorization);
    if (!match?.[1]) return { principal: null, authProblem: 'The Authorization header must be "Bearer <token>".' };
    const principal = await this.lookup(match[1]);
    if (!principal) return { principal: null, authProblem: 'The bearer token is unknown, revoked or expired; create a new one with createApiToken.' };
    return { principal, authProblem: null };
  }

  // Drops every cached entry of a token (called when it is revoked).
  forget(tokenId: string): void {
    for (const [secret, entry] of this.cache) {
      if (entry.principal?.tokenId === tokenId) this.cache.delete(secret);
    }
  }

  private async lookup(secret: string): Promise<Principal | null> {
    const now = Date.now();
    const cached = this.cache.get(secret);
    if (cached && cached.until > now) return cached.principal;
    const token = await findActiveApiToken(this.prisma, secret);
    const principal = token ? { tokenId: token.id, workspaceId: token.workspaceId, role: token.role } : null;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    const expiresAt = token?.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
    this.cache.set(secret, { principal, until: Math.min(now + CACHE_MS, expiresAt) });
    return principal;
  }
}
