import { CancellationScope, ContinueAsNew, continueAsNew, defineQuery, isCancellation, patched, proxyActivities, setHandler, startChild } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { kpiWatchWorkflow } from './kpi-watch.workflow.js';
import type { PluginSyncActivities } from './plugin-sync/activities.js';
import type { PluginSyncInput, SyncOutcome, SyncProgress, SyncState } from './plugin-sync/types.js';

export const syncProgressQuery = defineQuery<SyncProgress>('syncProgress');

const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8 } as const;
// Errors a retry cannot fix: bad config, missing secrets, unknown plugin or integration.
const NON_RETRYABLE = ['SyncSetupError', 'PluginError'];

const setup = proxyActivities<PluginSyncActivities>({
  startToCloseTimeout: '1 minute',
  retry: { ...RETRY, nonRetryableErrorTypes: NON_RETRYABLE },
});
// One page per call; the heartbeat notices a dead worker long before the start-to-close timeout.
const pages = proxyActivities<PluginSyncActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { ...RETRY, nonRetryableErrorTypes: ['SyncSetupError'] },
});

export const DEFAULT_PAGES_PER_RUN = 100;

// Pulls every stream of an integration page by page; each page and its cursor are committed by the
// activity before the next is asked for, so a crash anywhere resumes at the committed cursor.
export async function pluginSyncWorkflow(input: PluginSyncInput): Promise<SyncOutcome> {
  const pagesPerRun = input.pagesPerRun ?? DEFAULT_PAGES_PER_RUN;
  const progress: SyncProgress = { status: 'RUNNING', stream: null, continued: input.state?.continued ?? 0, pages: 0, events: 0, duplicates: 0, rejected: 0, ...input.state?.totals };
  setHandler(syncProgressQuery, () => progress);
  try {
    const state: SyncState = input.state ?? { streams: await setup.beginSync(input), streamIndex: 0, totals: { pages: 0, events: 0, duplicates: 0, rejected: 0 }, continued: 0 };
    let pulled = 0;
    while (state.streamIndex < state.streams.length) {
      const stream = state.streams[state.streamIndex] ?? '';
      progress.stream = stream;
      if (pulled >= pagesPerRun) await continueAsNew<typeof pluginSyncWorkflow>({ ...input, state: { ...state, continued: state.continued + 1 } });
      // v3: one call stores up to the pages left in this run, pulling the next page while the
      // current one is written. Histories recorded before it ask for one page per call.
      const budget = patched('sync-pages-per-call') ? { maxPages: pagesPerRun - pulled } : {};
      const page = await pages.syncPage({ workspaceId: input.workspaceId, integrationId: input.integrationId, syncRunId: input.syncRunId, stream, ...budget });
      state.totals = page.totals;
      Object.assign(progress, page.totals);
      pulled += page.pages ?? 1;
      if (!page.hasMore) state.streamIndex += 1;
    }
    const totals = await setup.finishSync({ ...ids(input), status: 'COMPLETED' });
    Object.assign(progress, totals, { status: 'COMPLETED' });
    // v2: fresh data is checked against the KPI thresholds at once. Histories recorded before this
    // change replay without the marker, so running v1 syncs finish as they started.
    if (patched('kpi-watch-after-sync')) await watchAfterSync(input.workspaceId);
    return { status: 'COMPLETED', totals };
  } catch (error) {
    if (error instanceof ContinueAsNew) throw error;
    const status = isCancellation(error) ? 'CANCELLED' : 'FAILED';
    progress.status = status;
    // Record the end even when cancelled: the run row must not stay RUNNING.
    await CancellationScope.nonCancellable(() => setup.finishSync({ ...ids(input), status, error: errorMessage(error) }));
    throw error;
  }
}

// Fire and forget: the watch outlives the sync and never changes its outcome.
async function watchAfterSync(workspaceId: string): Promise<void> {
  try {
    await startChild(kpiWatchWorkflow, { workflowId: `kpi-watch-${workspaceId}`, args: [{ workspaceId }], parentClosePolicy: 'ABANDON' });
  } catch (error) {
    // A watch already running for the workspace will see this sync's data: nothing to add.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

function ids(input: PluginSyncInput) {
  return { workspaceId: input.workspaceId, integrationId: input.integrationId, syncRunId: input.syncRunId };
}

function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
