import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { ApiConfig } from '../../config/api-config.js';
import { API_CONFIG } from '../../common/tokens.js';

export const TASK_QUEUE = 'waymark';
const CONNECT_TIMEOUT_MS = 3000;

// Starts Temporal workflows for long work; the rows they update carry the progress.
@Injectable()
export class WorkflowsService implements OnModuleDestroy {
  private readonly logger = new Logger('Workflows');
  private connection: Promise<Connection> | null = null;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  private connect(): Promise<Connection> {
    if (!this.connection) {
      this.connection = Connection.connect({ address: this.config.TEMPORAL_ADDRESS, connectTimeout: CONNECT_TIMEOUT_MS });
      // A failed connection is retried on the next call instead of being cached forever.
      this.connection.catch(() => (this.connection = null));
    }
    return this.connection;
  }

  async client(): Promise<Client> {
    return new Client({ connection: await this.connect(), namespace: this.config.TEMPORAL_NAMESPACE });
  }

  async start(workflowType: string, workflowId: string, input: Record<string, string>): Promise<string> {
    const client = await this.client();
    const handle = await client.workflow.start(workflowType, { taskQueue: TASK_QUEUE, workflowId, args: [input] });
    return handle.workflowId;
  }

  async cancel(workflowId: string): Promise<void> {
    const client = await this.client();
    await client.workflow.getHandle(workflowId).cancel();
  }

  async ping(): Promise<string> {
    try {
      const connection = await this.connect();
      await connection.workflowService.getSystemInfo({});
      return 'ok';
    } catch (error) {
      return `unreachable at ${this.config.TEMPORAL_ADDRESS}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  async onModuleDestroy(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    if (connection) await connection.then((c) => c.close(), (error: unknown) => this.logger.debug(`no connection to close: ${String(error)}`));
  }
}
