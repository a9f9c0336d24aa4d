import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { IntegrationView, SyncRun } from '@waymark/db';
import type { PluginInfo } from '@waymark/plugin-host';
import { Allow } from '../../common/auth/allow.decorator.js';
import { INTEGRATION_READERS, WRITERS } from '../../common/auth/auth-context.js';
import type { Principal } from '../../common/auth/auth-context.js';
import { CurrentPrincipal } from '../../common/auth/principal.decorator.js';
import { notFound } from '../../common/errors/api-error.js';
import { connection, pageArgs } from '../../common/graphql/pagination.js';
import { pollProgress } from '../../common/graphql/poll-progress.js';
import { ConnectionTestDto, IntegrationDto, IntegrationInput, PluginInfoDto, SyncRunConnection, SyncRunDto } from './dtos/integration.dto.js';
import { IntegrationsService } from './integrations.service.js';

type IntegrationModel = Omit<IntegrationDto, 'lastSyncRun' | 'secretKeys'> & IntegrationView;

export function toSyncRun(run: SyncRun): SyncRunDto {
  return {
    id: run.id,
    integrationId: run.integrationId,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    pages: run.pages,
    eventsAccepted: run.events,
    duplicates: run.duplicates,
    eventsRejected: run.rejected,
    error: run.error,
  };
}

function toPlugin(info: PluginInfo): PluginInfoDto {
  return {
    id: info.id,
    name: info.name,
    version: info.version,
    category: info.category,
    description: info.description,
    configSchema: info.configSchema,
    secrets: info.secrets.map((s) => s.key),
    secretFields: info.secrets.map((s) => ({ key: s.key, label: s.label, description: s.description ?? null, required: s.required })),
    streams: info.streams.map((s) => s.name),
    supportsWebhook: info.supportsWebhook,
    supportsTestConnection: info.supportsTestConnection,
  };
}

@Resolver(() => IntegrationDto)
export class IntegrationsResolver {
  constructor(@Inject(IntegrationsService) private readonly integrationsService: IntegrationsService) {}

  @Allow(INTEGRATION_READERS)
  @Query(() => [PluginInfoDto])
  plugins(): PluginInfoDto[] {
    return this.integrationsService.listPlugins().map(toPlugin);
  }

  @Allow(INTEGRATION_READERS)
  @Query(() => [IntegrationDto])
  integrations(@CurrentPrincipal() principal: Principal): Promise<IntegrationModel[]> {
    return this.integrationsService.list(principal);
  }

  @Allow(INTEGRATION_READERS)
  @Query(() => SyncRunConnection, { description: 'Sync runs of an integration, newest first.' })
  async syncRuns(
    @CurrentPrincipal() principal: Principal,
    @Args('integrationId', { type: () => ID }) integrationId: string,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = pageArgs(first, after, 'uuid');
    return connection(await this.integrationsService.syncRuns(principal, integrationId, page), page.first, toSyncRun);
  }

  @Allow(INTEGRATION_READERS)
  @Query(() => SyncRunDto, { nullable: true })
  async syncRun(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<SyncRunDto | null> {
    const run = await this.integrationsService.syncRun(principal, id);
    return run ? toSyncRun(run) : null;
  }

  @Allow(WRITERS)
  @Mutation(() => IntegrationDto, { description: 'Creates an integration, or changes it when input.id is set.' })
  configureIntegration(@CurrentPrincipal() principal: Principal, @Args('input', { type: () => IntegrationInput }) input: IntegrationInput): Promise<IntegrationModel> {
    return this.integrationsService.configure(principal, input);
  }

  @Allow(WRITERS)
  @Mutation(() => Boolean, {
    description: 'Deletes an integration with its secrets, sync history, the rows its syncs refused and its SYNC schedule; the events it stored stay. Refused while one of its syncs is queued or running.',
  })
  deleteIntegration(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.integrationsService.delete(principal, id);
  }

  @Allow(WRITERS)
  @Mutation(() => ConnectionTestDto)
  testConnection(@CurrentPrincipal() principal: Principal, @Args('integrationId', { type: () => ID }) integrationId: string): Promise<ConnectionTestDto> {
    return this.integrationsService.testConnection(principal, integrationId);
  }

  @Allow(WRITERS)
  @Mutation(() => SyncRunDto)
  async runSync(@CurrentPrincipal() principal: Principal, @Args('integrationId', { type: () => ID }) integrationId: string): Promise<SyncRunDto> {
    return toSyncRun(await this.integrationsService.runSync(principal, integrationId));
  }

  @Allow(WRITERS)
  @Mutation(() => SyncRunDto, { description: 'Stops the sync after the page in flight; committed pages are kept.' })
  async cancelSync(@CurrentPrincipal() principal: Principal, @Args('syncRunId', { type: () => ID }) syncRunId: string): Promise<SyncRunDto> {
    return toSyncRun(await this.integrationsService.cancelSync(principal, syncRunId));
  }

  @Allow(INTEGRATION_READERS)
  @Subscription(() => SyncRunDto, { description: 'The sync run each time it changes, until it finishes (server-sent events).', resolve: (run: SyncRun) => toSyncRun(run) })
  async syncRunProgress(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string) {
    if (!(await this.integrationsService.syncRun(principal, id))) throw notFound('sync run', id);
    return pollProgress(() => this.integrationsService.syncRun(principal, id));
  }

  @ResolveField(() => [String])
  secretKeys(@Parent() integration: IntegrationModel): string[] {
    return integration.hasSecrets ? this.integrationsService.secretKeysOf(integration.pluginId) : [];
  }

  @ResolveField(() => SyncRunDto, { nullable: true })
  async lastSyncRun(@CurrentPrincipal() principal: Principal, @Parent() integration: IntegrationModel): Promise<SyncRunDto | null> {
    const run = await this.integrationsService.lastSyncRun(principal, integration.id);
    return run ? toSyncRun(run) : null;
  }
}
