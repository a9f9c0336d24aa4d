import { error, fail, redirect } from '@sveltejs/kit';
import { CANCEL_SYNC, CONFIGURE_INTEGRATION, DELETE_INTEGRATION, RETRY_REJECTED, RUN_SYNC, TEST_CONNECTION } from '$lib/graphql/mutations.js';
import { INTEGRATIONS, PLUGINS, REJECTED_EVENTS, SYNC_RUNS } from '$lib/graphql/queries.js';
import { settle } from '$lib/graphql/result.js';
import { addRetry, retrySummary } from '$lib/integrations/retry-rejected.js';
import type { RetryTotals } from '$lib/integrations/retry-rejected.js';
import { saveIntegration } from '$lib/integrations/save.server.js';
import { field, mutate } from '$lib/server/actions.js';
import type { Mutated } from '$lib/server/actions.js';
import type { RejectedRetry } from '$lib/graphql/types.js';
import { request } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';

async function findIntegration(token: string | undefined, id: string) {
  const [{ integrations }, { plugins }] = await Promise.all([request(token, INTEGRATIONS), request(token, PLUGINS)]);
  const integration = integrations.find((i) => i.id === id);
  if (!integration) error(404, 'This integration does not exist in your workspace.');
  return { integration, plugin: plugins.find((p) => p.id === integration.pluginId) ?? null };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const token = locals.token;
  const { integration, plugin } = await findIntegration(token, params.id);
  const runId = url.searchParams.get('run');
  return {
    integration,
    plugin,
    runId,
    runs: settle(request(token, SYNC_RUNS, { integrationId: integration.id, first: 20 }).then((d) => d.syncRuns.nodes)),
    rejected: runId ? settle(request(token, REJECTED_EVENTS, { syncRunId: runId, first: 200 }).then((d) => d.rejectedEvents)) : null,
  };
};

export const actions: Actions = {
  save: async ({ request: req, locals, params }) => {
    const { integration } = await findIntegration(locals.token, params.id);
    const result = await saveIntegration(locals.token, await req.formData(), integration.pluginId, integration.id);
    return result.ok ? { message: 'Saved.' } : result.failure;
  },
  test: async ({ locals, params }) => {
    const result = await mutate(locals.token, TEST_CONNECTION, { integrationId: params.id });
    return result.ok ? { connection: result.data.testConnection } : result.failure;
  },
  sync: async ({ locals, params }) => {
    const result = await mutate(locals.token, RUN_SYNC, { integrationId: params.id });
    return result.ok ? { started: result.data.runSync } : result.failure;
  },
  cancel: async ({ request: req, locals }) => {
    const syncRunId = field(await req.formData(), 'syncRunId');
    const result = await mutate(locals.token, CANCEL_SYNC, { syncRunId });
    return result.ok ? { message: 'Cancelling: the sync stops after the page it is storing; the pages stored so far stay, and the next sync goes on from there.' } : result.failure;
  },
  // Pausing keeps everything (settings, secrets, schedule, history); only syncing stops.
  pause: async ({ request: req, locals, params }) => {
    const { integration } = await findIntegration(locals.token, params.id);
    const enabled = field(await req.formData(), 'enabled') === 'true';
    const input = { id: integration.id, pluginId: integration.pluginId, name: integration.name, config: integration.config, enabled };
    const result = await mutate(locals.token, CONFIGURE_INTEGRATION, { input });
    if (!result.ok) return result.failure;
    return { message: enabled ? 'Resumed: syncs run again, on the schedule and with Sync now.' : 'Paused: no sync runs until you resume it; scheduled runs are skipped.' };
  },
  // Back to the list, which says what went and what stayed.
  delete: async ({ locals, params }) => {
    const { integration } = await findIntegration(locals.token, params.id);
    const result = await mutate(locals.token, DELETE_INTEGRATION, { id: integration.id });
    if (!result.ok) return result.failure;
    redirect(303, `/integrations?deleted=${encodeURIComponent(integration.name)}`);
  },
  // One call takes up to 50,000 rows; a few calls in a row cover a big run without a long request.
  retry: async ({ request: req, locals }) => {
    const syncRunId = field(await req.formData(), 'syncRunId');
    if (!syncRunId) return fail(400, { error: 'Choose a sync run first: its rejected rows are the ones retried.' });
    let totals: RetryTotals | null = null;
    let after: string | null = null;
    for (let call = 0; call < RETRY_CALLS; call += 1) {
      const result: Mutated<{ retryRejectedEvents: RejectedRetry }> = await mutate(locals.token, RETRY_REJECTED, { syncRunId, after });
      if (!result.ok) return result.failure;
      totals = addRetry(totals, result.data.retryRejectedEvents);
      after = result.data.retryRejectedEvents.endCursor;
      if (totals.remaining === 0) break;
    }
    return { retried: totals === null ? '' : retrySummary(totals) };
  },
};

const RETRY_CALLS = 4;
