import type { Role } from '@waymark/db';

export interface Principal {
  tokenId: string;
  workspaceId: string;
  role: Role;
}

// What every resolver receives as GraphQL context.
export interface RequestContext {
  principal: Principal | null;
  // Why authentication failed, when a token was sent but refused.
  authProblem: string | null;
}

export const ROLES = ['ADMIN', 'EXECUTIVE', 'ANALYST', 'PARTNER'] as const satisfies readonly Role[];
// EXECUTIVE and ANALYST read everything in their workspace; only ADMIN changes anything.
export const READERS: readonly Role[] = ['ADMIN', 'EXECUTIVE', 'ANALYST'];
export const WRITERS: readonly Role[] = ['ADMIN'];
// PARTNER sees plugins and integrations only.
export const INTEGRATION_READERS: readonly Role[] = ['ADMIN', 'EXECUTIVE', 'ANALYST', 'PARTNER'];
export const EVERYONE: readonly Role[] = ROLES;
