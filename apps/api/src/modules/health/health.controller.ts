import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Db } from '@waymark/db';
import type { DrainState } from '../../bootstrap/drain-state.js';
import type { ApiMetrics } from '../../common/observability/metrics.js';
import { DB, DRAIN_STATE, METRICS } from '../../common/tokens.js';
import { WorkflowsService } from '../workflows/workflows.service.js';

// The slice of the express response this controller uses.
interface HttpResponse {
  status(code: number): { json(body: unknown): void };
  type(contentType: string): { send(body: string): void };
}

const CHECK_TIMEOUT_MS = 2000;

function withinTimeout(check: Promise<string>, what: string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`down: ${what} unreachable (no answer within ${CHECK_TIMEOUT_MS} ms)`), CHECK_TIMEOUT_MS)));
  return Promise.race([check, timeout]).finally(() => clearTimeout(timer));
}

@Controller()
export class HealthController {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(WorkflowsService) private readonly workflows: WorkflowsService,
    @Inject(METRICS) private readonly metrics: ApiMetrics,
    @Inject(DRAIN_STATE) private readonly drain: DrainState,
  ) {}

  // Liveness: answers while draining too, so a pod shutting down cleanly is not restarted.
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  // Readiness: not draining, the database answers and Temporal is reachable, each within 2 s.
  @Get('ready')
  async ready(@Res() res: HttpResponse): Promise<void> {
    if (this.drain.draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const [database, temporal] = await Promise.all([
      withinTimeout(this.db.query('SELECT 1').then(() => 'ok', (error: unknown) => `down: ${error instanceof Error ? error.message : String(error)}`), 'the database'),
      withinTimeout(this.workflows.ping().then((state) => (state === 'ok' ? state : `down: ${state}`)), 'Temporal'),
    ]);
    const ok = database === 'ok' && temporal === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', database, temporal });
  }

  // Prometheus text exposition; not routed by the chart's Ingress (scraped in-cluster).
  @Get('metrics')
  async prometheus(@Res() res: HttpResponse): Promise<void> {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
