import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db, SqlRunner } from '@waymark/db';
import type { HostPage, PluginRegistry, StreamRunInput } from '@waymark/plugin-host';
import { pullPagesAhead } from '@waymark/plugin-host';
import type { FetchLike, PluginDefinition, PluginLogger, PluginSecrets } from '@waymark/plugin-sdk';
import { createPluginLogger, isPluginError } from '@waymark/plugin-sdk';
import { KpiFolds } from './kpi-folds.js';
import type { SecretsDecryptor } from './secrets.js';
import type { PluginSyncInput, SyncPageInput, SyncPageResult, SyncTotals } from './types.js';

export interface IngestSummary {
  accepted: number;
  duplicates: number;
  rejected: number;
}

// Stores one validated page idempotently on (source, externalId) — a retried page is harmless.
export type IngestPage = (db: Db, workspaceId: string, page: HostPage, options: { syncRunId: string; source: string }) => Promise<IngestSummary>;

export interface PluginSyncDeps {
  db: Db;
  plugins: PluginRegistry;
  ingestPage: IngestPage;
  // Turns integrations.secrets (an encrypted envelope bound to the integration id) into the plugin's secrets.
  decryptSecrets: SecretsDecryptor;
  fetch?: FetchLike;
  heartbeatMs?: number;
  // A syncPage call stops taking pages after this long, well inside its start-to-close timeout.
  activityBudgetMs?: number;
  // Where plugin log lines go (default: stdout, beside the worker's own JSON lines).
  pluginLogSink?: (line: string) => void;
}

interface IntegrationRow {
  plugin_id: string;
  config: unknown;
  secrets: string | null;
  cursor: Record<string, unknown> | null;
  enabled: boolean;
}

interface TotalsRow {
  pages: number;
  events: number;
  duplicates: number;
  rejected: number;
}

type SyncIds = Pick<PluginSyncInput, 'workspaceId' | 'integrationId' | 'syncRunId'>;

export function createPluginSyncActivities(deps: PluginSyncDeps) {
  const { db } = deps;

  async function integration(ids: SyncIds, runner: SqlRunner = db): Promise<IntegrationRow> {
    const rows = await runner.query<IntegrationRow>(
      'SELECT plugin_id, config, secrets, cursor, enabled FROM integrations WHERE id = $1::uuid AND workspace_id = $2::uuid',
      [ids.integrationId, ids.workspaceId],
    );
    const row = rows[0];
    if (!row) throw ApplicationFailure.nonRetryable(`Integration ${ids.integrationId} does not exist in workspace ${ids.workspaceId}`, 'SyncSetupError');
    return row;
  }

  function plugin(row: IntegrationRow) {
    const found = deps.plugins.get(row.plugin_id);
    if (!found) throw ApplicationFailure.nonRetryable(`Plugin "${row.plugin_id}" is not installed on this worker`, 'SyncSetupError');
    return found;
  }

  return {
    // Marks the run RUNNING and returns the streams to pull, in order.
    async beginSync(ids: SyncIds): Promise<string[]> {
      const row = await integration(ids);
      if (!row.enabled) throw ApplicationFailure.nonRetryable(`Integration ${ids.integrationId} is disabled`, 'SyncSetupError');
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? null;
      const updated = await db.query(
        `UPDATE sync_runs SET status = 'RUNNING', workflow_id = $3 WHERE id = $1::uuid AND workspace_id = $2::uuid AND integration_id = $4::uuid RETURNING id`,
        [ids.syncRunId, ids.workspaceId, workflowId, ids.integrationId],
      );
      if (updated.length === 0) throw ApplicationFailure.nonRetryable(`Sync run ${ids.syncRunId} of integration ${ids.integrationId} does not exist`, 'SyncSetupError');
      return plugin(row).streams.map((stream) => stream.name);
    },

    // Pulls pages from the committed cursor and stores them, up to maxPages (1 when absent, as
    // workflows started before it ask), committing each page's cursor and counters before storing
    // the next. The next page is pulled while the current one is stored (at most one ahead).
    async syncPage(input: SyncPageInput): Promise<SyncPageResult> {
      const row = await integration(input);
      const definition = plugin(row);
      const ctx = Context.current();
      const beat = setInterval(() => ctx.heartbeat(), deps.heartbeatMs ?? 2_000);
      try {
        ctx.heartbeat();
        return await storePages(definition, row, input, ctx.cancellationSignal);
      } catch (error) {
        // Only transient upstream failures are worth Temporal's retries.
        if (isPluginError(error) && !error.retryable) throw ApplicationFailure.nonRetryable(`${error.code}: ${error.message}`, 'PluginError');
        throw error;
      } finally {
        clearInterval(beat);
      }
    },

    // Final status and totals; idempotent, so a retried finish is harmless.
    async finishSync(input: SyncIds & { status: 'COMPLETED' | 'FAILED' | 'CANCELLED'; error?: string }): Promise<SyncTotals> {
      const rows = await db.query<TotalsRow>(
        `UPDATE sync_runs SET status = $3::"RunStatus", error = $4, finished_at = COALESCE(finished_at, now())
         WHERE id = $1::uuid AND workspace_id = $2::uuid RETURNING pages, events, duplicates, rejected`,
        [input.syncRunId, input.workspaceId, input.status, input.error ?? null],
      );
      if (input.status === 'COMPLETED') {
        await db.query('UPDATE integrations SET last_sync_at = now() WHERE id = $1::uuid AND workspace_id = $2::uuid', [input.integrationId, input.workspaceId]);
      }
      return totalsOf(rows[0]);
    },
  };

  async function storePages(definition: PluginDefinition, row: IntegrationRow, input: SyncPageInput, signal: AbortSignal): Promise<SyncPageResult> {
    const limit = Math.max(1, Math.floor(input.maxPages ?? 1));
    const deadline = Date.now() + (deps.activityBudgetMs ?? 60_000);
    const folds = new KpiFolds(db, input.workspaceId);
    let stored: SyncPageResult | undefined;
    let pages = 0;
    try {
      for await (const page of pullPagesAhead(streamInput(definition, row, input, signal), limit)) {
        const summary = await deps.ingestPage(db, input.workspaceId, page, { syncRunId: input.syncRunId, source: row.plugin_id });
        pages += 1;
        stored = { hasMore: page.hasMore, pages, totals: await commitPage(db, input, page, summary) };
        await folds.next();
        if (!page.hasMore || pages >= limit || Date.now() >= deadline || signal.aborted) break;
      }
    } catch (error) {
      await folds.settle();
      throw error;
    }
    // The call returns with the KPIs caught up: a fold error fails it, and Temporal retries it.
    await folds.finish();
    // pullPages yields at least one page, even for a stream with nothing new.
    if (!stored) throw new Error(`Stream ${input.stream} of ${definition.id} produced no page`);
    return stored;
  }

  function streamInput(definition: PluginDefinition, row: IntegrationRow, input: SyncPageInput, signal: AbortSignal): StreamRunInput {
    const secrets = row.secrets === null ? {} : deps.decryptSecrets(row.secrets, input.integrationId);
    return {
      plugin: definition,
      config: row.config,
      secrets,
      stream: input.stream,
      cursor: row.cursor?.[input.stream] ?? null,
      signal,
      logger: pluginLogger(definition.id, secrets, input),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    };
  }

  // Plugin lines carry the same ids as the worker's own lines, so one sync can be followed in the logs.
  function pluginLogger(pluginId: string, secrets: PluginSecrets, input: SyncPageInput): PluginLogger {
    const info = Context.current().info;
    const bindings = {
      service: 'worker',
      plugin: pluginId,
      stream: input.stream,
      workflowId: info.workflowExecution?.workflowId,
      runId: info.workflowExecution?.runId,
      activityType: info.activityType,
      attempt: info.attempt,
      syncRunId: input.syncRunId,
    };
    return createPluginLogger({ secrets: Object.values(secrets), bindings, ...(deps.pluginLogSink ? { sink: deps.pluginLogSink } : {}) });
  }
}

// The cursor moves in the same transaction as the run's counters, strictly after the page's rows.
async function commitPage(db: Db, input: SyncIds & { stream: string }, page: HostPage, summary: IngestSummary): Promise<SyncTotals> {
  return db.transaction(async (tx) => {
    await tx.query(
      `UPDATE integrations SET cursor = COALESCE(cursor, '{}'::jsonb) || jsonb_build_object($3::text, $4::jsonb), updated_at = now()
       WHERE id = $1::uuid AND workspace_id = $2::uuid`,
      [input.integrationId, input.workspaceId, input.stream, JSON.stringify(page.nextCursor ?? null)],
    );
    const rows = await tx.query<TotalsRow>(
      `UPDATE sync_runs SET pages = pages + 1, events = events + $3, duplicates = duplicates + $4, rejected = rejected + $5
       WHERE id = $1::uuid AND workspace_id = $2::uuid RETURNING pages, events, duplicates, rejected`,
      [input.syncRunId, input.workspaceId, summary.accepted, summary.duplicates, summary.rejected],
    );
    return totalsOf(rows[0]);
  });
}

function totalsOf(row: TotalsRow | undefined): SyncTotals {
  if (!row) throw ApplicationFailure.nonRetryable('Sync run row disappeared', 'SyncSetupError');
  return { pages: row.pages, events: row.events, duplicates: row.duplicates, rejected: row.rejected };
}

export type PluginSyncActivities = ReturnType<typeof createPluginSyncActivities>;
