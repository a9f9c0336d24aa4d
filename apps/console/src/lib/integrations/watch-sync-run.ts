import type { SyncRun } from '$lib/graphql/types.js';

const INTERVAL_MS = 700;

export interface SyncRunWatch {
  onupdate: (run: SyncRun) => void;
  onerror: (message: string) => void;
  onfinish: (run: SyncRun) => void;
}

function isSyncRun(value: unknown): value is SyncRun {
  return typeof value === 'object' && value !== null && 'id' in value && 'status' in value && 'pages' in value;
}

/** Whether a run has ended: completed, failed or cancelled. */
export const isFinished = (status: SyncRun['status']): boolean => status === 'COMPLETED' || status === 'FAILED' || status === 'CANCELLED';
const finished = (run: SyncRun) => isFinished(run.status);

// Live progress: server-sent events from the console's proxy of the API subscription; if the stream
// breaks, polling the run's JSON endpoint takes over. Returns a stop function.
export function watchSyncRun(eventsUrl: string, pollUrl: string, watch: SyncRunWatch): () => void {
  let stop = () => {};
  const poll = () => (stop = pollSyncRun(pollUrl, watch));
  if (typeof EventSource === 'undefined') {
    poll();
    return () => stop();
  }
  const source = new EventSource(eventsUrl);
  let last: SyncRun | null = null;
  source.addEventListener('run', (event) => {
    const run: unknown = JSON.parse(event.data);
    if (!isSyncRun(run)) return;
    last = run;
    watch.onupdate(run);
    if (finished(run)) {
      source.close();
      watch.onfinish(run);
    }
  });
  const fallBack = () => {
    source.close();
    if (!last || !finished(last)) poll();
  };
  source.addEventListener('end', fallBack);
  source.addEventListener('failure', fallBack);
  source.onerror = fallBack;
  stop = () => source.close();
  return () => stop();
}

export function pollSyncRun(source: string, watch: SyncRunWatch): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    try {
      const response = await fetch(source, { headers: { accept: 'application/json' } });
      const body: unknown = await response.json();
      if (!response.ok || !isSyncRun(body)) throw new Error(`progress unavailable (HTTP ${response.status})`);
      if (stopped) return;
      watch.onupdate(body);
      if (finished(body)) return watch.onfinish(body);
      watch.onerror('');
    } catch (error) {
      watch.onerror(`Live progress paused: ${error instanceof Error ? error.message : String(error)}. Retrying…`);
    }
    if (!stopped) timer = setTimeout(tick, INTERVAL_MS);
  };
  timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
