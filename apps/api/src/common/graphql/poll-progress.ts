export const PROGRESS_INTERVAL_MS = 500;
const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export function isTerminal(status: string): boolean {
  return TERMINAL.has(status);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Live progress for subscriptions (sent as server-sent events): the workflows update the row, we
// re-read it every interval and emit whenever it changed, ending after a terminal status.
export async function* pollProgress<T extends { status: string }>(load: () => Promise<T | null>, intervalMs = PROGRESS_INTERVAL_MS): AsyncGenerator<T> {
  let last = '';
  for (;;) {
    const row = await load();
    if (!row) return;
    const snapshot = JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    if (snapshot !== last) {
      last = snapshot;
      yield row;
    }
    if (isTerminal(row.status)) return;
    await sleep(intervalMs);
  }
}
