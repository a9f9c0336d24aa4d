import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { ApiToken, AuditLogEntry } from '@waymark/db';
import { z } from 'zod';
import { Allow } from '../../common/auth/allow.decorator.js';
import { EVERYONE, READERS, WRITERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { Role } from '../../common/graphql/enums.js';
import { connection, pageArgs } from '../../common/graphql/pagination.js';
import type { Connection } from '../../common/graphql/pagination.js';
import type { AuditLogEntryDto, WorkspaceModel } from './dtos/workspace.dto.js';
import { ApiTokenDto, AuditLogConnection, ViewerDto, WorkspaceCreatedDto, WorkspaceDto } from './dtos/workspace.dto.js';
import { WorkspacesService } from './services/workspaces.service.js';

const Name = z.string().trim().min(1, 'name must not be empty').max(200, 'name must be at most 200 characters');

function toToken(token: ApiToken, secret: string | null = null): ApiTokenDto {
  return { id: token.id, name: token.name, role: token.role, secret, prefix: token.prefix, createdAt: token.createdAt, lastUsedAt: token.lastUsedAt };
}

function toEntry(entry: AuditLogEntry): AuditLogEntryDto {
  return { ...entry, id: String(entry.id) };
}

@Resolver(() => WorkspaceDto)
export class WorkspacesResolver {
  constructor(@Inject(WorkspacesService) private readonly workspaces: WorkspacesService) {}

  @Allow(EVERYONE)
  @Query(() => WorkspaceDto, { description: "The caller's workspace." })
  workspace(@CurrentPrincipal() principal: Principal): Promise<WorkspaceDto> {
    return this.workspaces.current(principal);
  }

  @Allow(EVERYONE)
  @Query(() => ViewerDto, { description: 'Who is calling: role and workspace, for the console header.' })
  async me(@CurrentPrincipal() principal: Principal): Promise<ViewerDto> {
    return { role: principal.role, tokenId: principal.tokenId, workspace: await this.workspaces.current(principal) };
  }

  @Allow(WRITERS)
  @Query(() => [ApiTokenDto], { description: 'Active tokens of the workspace (secrets are never shown again).' })
  async apiTokens(@CurrentPrincipal() principal: Principal): Promise<ApiTokenDto[]> {
    return (await this.workspaces.listTokens(principal)).map((token) => toToken(token));
  }

  @Allow(READERS)
  @Query(() => AuditLogConnection, { description: 'Who changed what, newest first.' })
  async auditLog(
    @CurrentPrincipal() principal: Principal,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<AuditLogEntryDto>> {
    const page = pageArgs(first, after, 'bigint');
    return connection(await this.workspaces.auditLogPage(principal, page), page.first, toEntry);
  }

  @Allow(WRITERS)
  @Mutation(() => WorkspaceCreatedDto, { description: 'By an ADMIN: the new workspace and its first admin token.' })
  createWorkspace(@CurrentPrincipal() principal: Principal, @Args('name', { type: () => String }) name: string): Promise<WorkspaceCreatedDto> {
    return this.workspaces.create(principal, Name.parse(name));
  }

  @Allow(WRITERS)
  @Mutation(() => ApiTokenDto, { description: "In the caller's workspace; the secret is shown once." })
  async createApiToken(
    @CurrentPrincipal() principal: Principal,
    @Args('role', { type: () => Role }) role: Role,
    @Args('name', { type: () => String }) name: string,
  ): Promise<ApiTokenDto> {
    const { token, secret } = await this.workspaces.createToken(principal, role, Name.parse(name));
    return toToken(token, secret);
  }

  @Allow(WRITERS)
  @Mutation(() => ApiTokenDto)
  async revokeApiToken(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ApiTokenDto> {
    return toToken(await this.workspaces.revokeToken(principal, id));
  }

  @Allow(WRITERS)
  @Mutation(() => WorkspaceDto, {
    description:
      "By an ADMIN, in the caller's workspace: keep the conversion-rate pre-aggregate (a ~2 ms conversion tile for extra work on every ingested batch) or drop it; enabling derives it from the stored events before answering, which can take a while on a big workspace.",
  })
  setConversionPreaggregation(@CurrentPrincipal() principal: Principal, @Args('enabled', { type: () => Boolean }) enabled: boolean): Promise<WorkspaceModel> {
    return this.workspaces.setConversionPreaggregation(principal, enabled);
  }

  @Allow(WRITERS)
  @Mutation(() => WorkspaceDto, {
    description:
      "By an ADMIN, in the caller's workspace: keep customers' e-mail addresses and phone numbers as given (true) or as their SHA-256 (false). Turning it off hashes the stored ones at once; turning it on is refused once any is stored hashed.",
  })
  setStoreRawContacts(@CurrentPrincipal() principal: Principal, @Args('enabled', { type: () => Boolean }) enabled: boolean): Promise<WorkspaceModel> {
    return this.workspaces.setStoreRawContacts(principal, enabled);
  }

  // Read on a workspace the caller was already allowed to load (its root field checked role and workspace).
  @ResolveField(() => Boolean, {
    description: 'Whether the conversion-rate tile is answered from a pre-aggregate: ~2 ms instead of up to ~1 s on 10M events, at the cost of extra work on every ingested batch.',
  })
  async conversionPreaggregation(@Parent() workspace: WorkspaceModel): Promise<boolean> {
    return workspace.conversionPreaggregation ?? (await this.workspaces.conversionPreaggregation(workspace.id));
  }
}
