import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Db } from '@waymark/db';
import { DB } from '../../common/tokens.js';
import { WorkflowsService } from '../workflows/workflows.service.js';

// The slice of the express response this controller uses.
interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

@Controller()
export class HealthController {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(WorkflowsService) private readonly workflows: WorkflowsService,
  ) {}

  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  // Readiness: the database answers and Temporal is reachable.
  @Get('ready')
  async ready(@Res() res: JsonResponse): Promise<void> {
    const [database, temporal] = await Promise.all([
      this.db.query('SELECT 1').then(() => 'ok', (error: unknown) => `unreachable: ${error instanceof Error ? error.message : String(error)}`),
      this.workflows.ping(),
    ]);
    const ok = database === 'ok' && temporal === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', database, temporal });
  }
}
