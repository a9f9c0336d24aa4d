import type { SyncRun } from '$lib/graphql/types.js';

const INTERVAL_MS = 700;

function isSyncRun(value: unknown): value is SyncRun {
  return typeof value === 'object' && value !== null && 'id' in value && 'status' in value && 'pages' in value;
}

// Polls the console's own endpoint (which holds the session) until the run finishes; returns a stop function.
export function watchSyncRun(source: string, onupdate: (run: SyncRun) => void, onerror: (message: string) => void, onfinish: (run: SyncRun) => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    try {
      const response = await fetch(source, { headers: { accept: 'application/json' } });
      const body: unknown = await response.json();
      if (!response.ok || !isSyncRun(body)) throw new Error(`progress unavailable (HTTP ${response.status})`);
      if (stopped) return;
      onupdate(body);
      if (body.status === 'COMPLETED' || body.status === 'FAILED') return onfinish(body);
      onerror('');
    } catch (error) {
      onerror(`Live progress paused: ${error instanceof Error ? error.message : String(error)}. Retrying…`);
    }
    if (!stopped) timer = setTimeout(tick, INTERVAL_MS);
  };
  timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
