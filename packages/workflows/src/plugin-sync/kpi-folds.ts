import { Context } from '@temporalio/activity';
import type { Db } from '@waymark/db';
import { foldPendingKpis } from '@waymark/db';

type Outcome = { error: unknown } | null;

/**
 * A sync's KPI folds, one in flight and one page behind the writes: page N's events are folded into
 * the KPI pre-aggregates on another pooled connection while page N+1 is pulled and written. Waiting
 * for the previous fold before starting the next keeps the backlog to about a page.
 */
export class KpiFolds {
  // The outcome, not the bare promise: a failure is kept (and thrown by the next wait), never left
  // as an unhandled rejection while the next page is being written.
  private running: Promise<Outcome> = Promise.resolve(null);

  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
  ) {}

  /** After a page is committed: throws the previous fold's error, if any, then folds what is pending. */
  async next(): Promise<void> {
    await this.rethrow();
    this.running = foldPendingKpis(this.db, this.workspaceId).then(
      () => null,
      (error: unknown) => ({ error }),
    );
  }

  /** At the end of the activity: the KPIs are caught up with every page it stored. */
  async finish(): Promise<void> {
    await this.rethrow();
  }

  /** When the activity is failing anyway: waits for the fold and logs its error beside the main one. */
  async settle(): Promise<void> {
    const outcome = await this.running;
    if (outcome) Context.current().log.warn('KPI fold failed; the next fold or KPI read retries it', { error: String(outcome.error) });
  }

  private async rethrow(): Promise<void> {
    const outcome = await this.running;
    this.running = Promise.resolve(null);
    if (outcome) throw outcome.error;
  }
}
