import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { LoggerService } from '@nestjs/common';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// Lines are written to stdout in batches of 4 KB, or every 250 ms when fewer come: a write per
// request line (a syscall here, a wakeup in the log shipper) cost more than the line itself.
const BATCH_BYTES = 4096;
const FLUSH_MS = 250;

// JSON lines on stdout (or the given stream, for tests). Shutdown flushes the batch
// (logger.flush()), and pino flushes it synchronously when the process exits.
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'api' }, timestamp: pino.stdTimeFunctions.isoTime };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false, minLength: BATCH_BYTES, periodicFlush: FLUSH_MS }));
}

function text(message: unknown): string {
  return message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
}

// Nest's own messages (bootstrap, exceptions) go through the same JSON logger.
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, text(message));
  }

  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.logger.error({ context: context ?? stackOrContext, err: message instanceof Error ? message : undefined, stack: context ? stackOrContext : undefined }, text(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, text(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, text(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, text(message));
  }
}
