import { Inject, Injectable } from '@nestjs/common';
import { activeSyncRuns, deleteIntegration, integrationRepository, keyringFromEnv, syncRunRepository } from '@waymark/db';
import type { Db, IntegrationView, Keyring, SyncRun } from '@waymark/db';
import type { PluginRegistry } from '@waymark/plugin-host';
import { secretsProblems, testPluginConnection } from '@waymark/plugin-host';
import { startPluginSync, cancelPluginSync } from '@waymark/workflows';
import { z } from 'zod';
import type { Principal } from '../../common/auth/auth-context.js';
import { ApiError, ApiErrorCode, badInput, notFound } from '../../common/errors/api-error.js';
import { isUuid, requireId } from '../../common/graphql/ids.js';
import type { PageArgs } from '../../common/graphql/pagination.js';
import { API_CONFIG, DB, PLUGIN_REGISTRY } from '../../common/tokens.js';
import type { ApiConfig } from '../../config/api-config.js';
import { ScheduleKindGql } from '../schedules/dtos/schedule.dto.js';
import { SchedulesService } from '../schedules/schedules.service.js';
import { WorkflowsService } from '../workflows/workflows.service.js';
import { AuditLogService } from '../workspaces/services/audit-log.service.js';
import type { IntegrationInput } from './dtos/integration.dto.js';

const SYNC_HISTORY = 1000;

const InputSchema = z.object({
  id: z.uuid('id must be an integration id').nullish(),
  pluginId: z.string().min(1),
  name: z.string().trim().min(1, 'name must not be empty').max(200),
  secrets: z.record(z.string(), z.unknown(), { error: 'secrets must be an object of key → value' }).nullish(),
  schedule: z.string().trim().max(200).nullish(),
  enabled: z.boolean().nullish(),
});

type Plugin = NonNullable<ReturnType<PluginRegistry['get']>>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// The config as the plugin parses it; a setting the plugin does not know is refused, not dropped.
function parseConfig(plugin: Plugin, input: unknown): unknown {
  const parsed = plugin.parseConfig(input);
  if (!parsed.ok) throw badInput(parsed.message, { field: 'config', issues: parsed.issues });
  if (parsed.unknownKeys.length === 0) return parsed.config;
  const properties = plugin.configJsonSchema['properties'];
  const known = Object.keys(isRecord(properties) ? properties : {}).join(', ');
  const unknown = parsed.unknownKeys.map((key) => `"${key}"`).join(', ');
  throw badInput(`${plugin.name} has no setting ${unknown}; nothing was saved. Its settings: ${known}.`, { field: 'config', unknownKeys: parsed.unknownKeys });
}

@Injectable()
export class IntegrationsService {
  private keyringCache: Keyring | null = null;

  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(PLUGIN_REGISTRY) private readonly plugins: PluginRegistry,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(WorkflowsService) private readonly workflows: WorkflowsService,
    @Inject(AuditLogService) private readonly auditLog: AuditLogService,
    @Inject(SchedulesService) private readonly schedules: SchedulesService,
  ) {}

  keyring(): Keyring {
    this.keyringCache ??= keyringFromEnv({ WAYMARK_SECRETS_KEY: this.config.WAYMARK_SECRETS_KEY, WAYMARK_SECRETS_KEY_PREVIOUS: this.config.WAYMARK_SECRETS_KEY_PREVIOUS });
    return this.keyringCache;
  }

  private repo(principal: Principal) {
    return integrationRepository(this.db.prisma, principal.workspaceId);
  }

  listPlugins() {
    return this.plugins.list();
  }

  secretKeysOf(pluginId: string): string[] {
    return this.plugins.list().find((p) => p.id === pluginId)?.secrets.map((s) => s.key) ?? [];
  }

  list(principal: Principal): Promise<IntegrationView[]> {
    return this.repo(principal).list();
  }

  async require(principal: Principal, id: string): Promise<IntegrationView> {
    const found = await this.repo(principal).find(requireId(id, 'integration'));
    if (!found) throw notFound('integration', id);
    return found;
  }

  // Create or update; the config is validated by the plugin itself, secrets are sealed by the repository.
  async configure(principal: Principal, input: IntegrationInput): Promise<IntegrationView> {
    const parsed = InputSchema.parse(input);
    const plugin = this.plugins.get(parsed.pluginId);
    if (!plugin) throw badInput(`Unknown plugin "${parsed.pluginId}"; the plugins query lists the installed ones.`, { field: 'pluginId' });
    const config = parseConfig(plugin, input.config);
    const existing = parsed.id ? await this.require(principal, parsed.id) : null;
    const secrets = await this.secretsToSave(principal, plugin, existing, parsed.secrets);
    // The cron is checked before anything is written; it becomes the integration's SYNC schedule.
    const schedule = parsed.schedule === undefined || parsed.schedule === null ? parsed.schedule : parsed.schedule || null;
    if (schedule) await this.schedules.check(principal, schedule);
    const fields = {
      name: parsed.name,
      pluginId: plugin.id,
      pluginVersion: plugin.version,
      config: JSON.parse(JSON.stringify(config ?? {})),
      ...(schedule === undefined ? {} : { schedule }),
      ...(parsed.enabled === null || parsed.enabled === undefined ? {} : { enabled: parsed.enabled }),
      ...(secrets ? { secrets } : {}),
    };
    const keyring = secrets ? this.keyring() : undefined;
    const repo = this.repo(principal);
    const saved = existing ? await repo.update(existing.id, fields, keyring) : await repo.create(fields, keyring);
    await this.auditLog.record(principal, existing ? 'integration.update' : 'integration.create', 'Integration', saved.id, { pluginId: plugin.id, secretsChanged: Boolean(secrets) });
    if (schedule) await this.schedules.set(principal, { kind: 'SYNC', targetId: saved.id, cron: schedule });
    else if (schedule === null) await this.schedules.remove(principal, 'SYNC', saved.id);
    return saved;
  }

  // What the secrets become: a new integration's as sent; on an update the keys sent replace the
  // stored ones and the others stay (a blank console field sends nothing). Checked as a whole.
  private async secretsToSave(principal: Principal, plugin: Plugin, existing: IntegrationView | null, sent: Record<string, unknown> | null | undefined): Promise<Record<string, unknown> | undefined> {
    if (existing && !sent) return undefined;
    const stored = existing?.hasSecrets ? await this.repo(principal).readSecrets(existing.id, this.keyring()) : {};
    const declared = new Set(plugin.secrets.map((secret) => secret.key));
    const secrets = { ...Object.fromEntries(Object.entries(stored).filter(([key]) => declared.has(key))), ...sent };
    const problems = secretsProblems(plugin, secrets);
    if (problems.length > 0) throw badInput(`${problems.join('; ')}; nothing was saved.`, { field: 'secrets' });
    return sent ? secrets : undefined;
  }

  // Its SYNC schedule goes first, so none is left to fail every run. Checked before the schedule goes,
  // and again under the row's lock.
  async delete(principal: Principal, id: string): Promise<boolean> {
    const integration = await this.require(principal, id);
    const active = await activeSyncRuns(this.db, principal.workspaceId, integration.id);
    if (active > 0) throw stillSyncing(integration.name, active);
    await this.schedules.removeRecorded(principal, [ScheduleKindGql.SYNC], integration.id);
    const outcome = await deleteIntegration(this.db, principal.workspaceId, integration.id);
    if (outcome.status === 'not-found') throw notFound('integration', id);
    if (outcome.status === 'syncing') throw stillSyncing(outcome.name, outcome.runs);
    await this.auditLog.record(principal, 'integration.delete', 'Integration', integration.id, {
      name: outcome.name, pluginId: integration.pluginId, syncRuns: outcome.syncRuns, rejectedRows: outcome.rejectedRows,
    });
    return true;
  }

  async testConnection(principal: Principal, id: string) {
    const integration = await this.require(principal, id);
    const plugin = this.plugins.get(integration.pluginId);
    if (!plugin) return { ok: false, code: 'plugin_missing', message: `Plugin ${integration.pluginId} is not installed on this server.` };
    const secrets = integration.hasSecrets ? await this.repo(principal).readSecrets(id, this.keyring()) : {};
    const result = await testPluginConnection({ plugin, config: integration.config, secrets: Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, String(v)])) });
    return result.ok ? { ok: true, code: null, message: 'Connection works.' } : { ok: false, code: result.code, message: result.message };
  }

  // The row first (QUEUED), then the workflow; a start that fails leaves the run FAILED with why.
  async runSync(principal: Principal, integrationId: string): Promise<SyncRun> {
    const integration = await this.require(principal, integrationId);
    if (!integration.enabled) throw badInput(`Integration "${integration.name}" is disabled; enable it with configureIntegration first.`);
    const runs = syncRunRepository(this.db.prisma, principal.workspaceId);
    const run = await runs.create(integrationId);
    await this.auditLog.record(principal, 'sync.start', 'SyncRun', run.id, { integrationId });
    try {
      await this.workflows.run('start the sync', (client) => startPluginSync(client, { workspaceId: principal.workspaceId, integrationId, syncRunId: run.id }));
      return (await runs.find(run.id)) ?? run;
    } catch (error) {
      await runs.finish(run.id, 'FAILED', error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  async cancelSync(principal: Principal, syncRunId: string): Promise<SyncRun> {
    const run = await this.syncRun(principal, syncRunId);
    if (!run) throw notFound('sync run', syncRunId);
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(run.status)) throw new ApiError(ApiErrorCode.BAD_USER_INPUT, `Sync run ${syncRunId} already finished (${run.status}).`);
    await this.workflows.run('cancel the sync', (client) => cancelPluginSync(client, syncRunId));
    await this.auditLog.record(principal, 'sync.cancel', 'SyncRun', syncRunId);
    return run;
  }

  async syncRun(principal: Principal, id: string): Promise<SyncRun | null> {
    return isUuid(id) ? syncRunRepository(this.db.prisma, principal.workspaceId).find(id) : null;
  }

  async syncRuns(principal: Principal, integrationId: string, page: PageArgs): Promise<SyncRun[]> {
    await this.require(principal, integrationId);
    // The sync-run repository lists newest first without a cursor; the history kept is bounded.
    const runs = await syncRunRepository(this.db.prisma, principal.workspaceId).listForIntegration(integrationId, SYNC_HISTORY);
    const afterId = page.after ? Buffer.from(page.after, 'base64url').toString('utf8') : null;
    const start = afterId ? runs.findIndex((run: SyncRun) => run.id === afterId) + 1 : 0;
    return runs.slice(start, start + page.first + 1);
  }

  async lastSyncRun(principal: Principal, integrationId: string): Promise<SyncRun | null> {
    return (await syncRunRepository(this.db.prisma, principal.workspaceId).listForIntegration(integrationId, 1))[0] ?? null;
  }
}

function stillSyncing(name: string, runs: number): ApiError {
  const what = runs === 1 ? 'a sync' : `${runs} syncs`;
  return badInput(`Integration "${name}" has ${what} queued or running. Cancel it (cancelSync) or wait until it has finished, then delete the integration.`, { syncRuns: runs });
}
