import { setImmediate as nextTurn } from 'node:timers/promises';
import type { HostPage, StreamRunInput } from './run-stream.js';
import { pullPages } from './run-stream.js';

/**
 * Pulls pages like {@link pullPages}, with the next page pulled and validated while the caller
 * stores the current one, so upstream latency and host-side work overlap the database write. At
 * most one page is held ahead (memory stays flat). The contract is unchanged: commit a page's
 * `nextCursor` only after storing it; a page pulled ahead but never stored is pulled again from
 * the committed cursor. With `maxPages`, stops after that many pages and pulls none beyond them.
 */
export async function* pullPagesAhead(input: StreamRunInput, maxPages = Number.POSITIVE_INFINITY): AsyncGenerator<HostPage> {
  const pages = pullPages(input);
  let next = pages.next();
  let pulled = 0;
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      pulled += 1;
      // The last page the caller will store: nothing is pulled past it (an upstream request wasted).
      if (pulled >= maxPages) {
        yield current.value;
        return;
      }
      // Started on the next turn of the event loop, once the caller has sent its first query.
      next = nextTurn().then(() => pages.next());
      // A failure is reported when that page is asked for, not while this one is being stored.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await closeAhead(pages, next);
  }
}

// The caller stopped early: the page pulled ahead was never asked for, so its failure is not the
// caller's (the next sync pulls it again); the plugin's generator is closed after it settles.
async function closeAhead(pages: AsyncGenerator<HostPage>, pending: Promise<IteratorResult<HostPage>>): Promise<void> {
  const finished = await pending.then(
    (result) => result.done === true,
    () => true,
  );
  if (!finished) await pages.return(undefined);
}
