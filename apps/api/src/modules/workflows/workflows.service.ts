import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { traceContextClientInterceptor } from '@waymark/workflows';
import type { ApiConfig } from '../../config/api-config.js';
import { ApiError, ApiErrorCode } from '../../common/errors/api-error.js';
import { API_CONFIG } from '../../common/tokens.js';

const CONNECT_TIMEOUT_MS = 3000;
// How long a resolver waits for a short workflow it started (risk assessment, KPI watch).
const RESULT_TIMEOUT_MS = 60_000;

function failureOf(error: WorkflowFailedError): string {
  return error.cause?.message ?? error.message;
}

// The Temporal client for long work; the rows the workflows update carry the progress.
@Injectable()
export class WorkflowsService implements OnModuleDestroy {
  private readonly logger = new Logger('Workflows');
  private connection: Promise<Connection> | null = null;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  private connect(): Promise<Connection> {
    if (!this.connection) {
      const attempt = Connection.connect({ address: this.config.TEMPORAL_ADDRESS, connectTimeout: CONNECT_TIMEOUT_MS });
      this.connection = attempt;
      // A failed connection is retried on the next call instead of being kept.
      attempt.catch(() => {
        if (this.connection === attempt) this.connection = null;
      });
    }
    return this.connection;
  }

  // Runs fn with a client; an unreachable Temporal becomes an actionable UNAVAILABLE error.
  async run<T>(what: string, fn: (client: Client) => Promise<T>): Promise<T> {
    let client: Client;
    try {
      // Workflows started here carry the request's trace context to the worker's activity spans.
      client = new Client({ connection: await this.connect(), namespace: this.config.TEMPORAL_NAMESPACE, interceptors: { workflow: [traceContextClientInterceptor()] } });
    } catch (error) {
      throw new ApiError(
        ApiErrorCode.UNAVAILABLE,
        `Could not ${what}: Temporal is unreachable at ${this.config.TEMPORAL_ADDRESS} (${error instanceof Error ? error.message : String(error)}). Start Temporal and the worker, then retry.`,
      );
    }
    return fn(client);
  }

  // Starts a short workflow and waits for its result; a worker that does not answer in time, or a
  // failed run, becomes an error that says so (the run itself goes on or stays in Temporal's history).
  async result<T>(what: string, start: (client: Client) => Promise<{ workflowId: string; result(): Promise<T> }>, timeoutMs = RESULT_TIMEOUT_MS): Promise<T> {
    const handle = await this.run(what, start);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new ApiError(
        ApiErrorCode.UNAVAILABLE,
        `Started to ${what} (workflow ${handle.workflowId}), but it did not finish within ${timeoutMs / 1000} s: check that the worker is running. The run goes on without this request.`,
      )), timeoutMs);
    });
    try {
      return await Promise.race([handle.result(), late]);
    } catch (error) {
      if (error instanceof WorkflowFailedError) throw new ApiError(ApiErrorCode.INTERNAL, `Could not ${what}: ${failureOf(error)} (workflow ${handle.workflowId}).`);
      throw error;
    } finally {
      clearTimeout(timer);
    }
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
