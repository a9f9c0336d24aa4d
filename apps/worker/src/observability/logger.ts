import { DefaultLogger } from '@temporalio/worker';
import type { LogEntry, Logger as TemporalLogger } from '@temporalio/worker';
import { pino } from 'pino';
import type { DestinationStream, Logger, LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function isLevel(value: string): value is LevelWithSilent {
  return LEVELS.some((level) => level === value);
}

export function logLevel(env: NodeJS.ProcessEnv = process.env): LevelWithSilent {
  const level = env['WAYMARK_LOG_LEVEL'] || 'info';
  if (!isLevel(level)) throw new Error(`WAYMARK_LOG_LEVEL must be one of ${LEVELS.join(', ')}; got "${level}"`);
  return level;
}

export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'worker' }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

const TEMPORAL_LEVEL = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'ERROR', silent: 'ERROR' } as const;

// Temporal's own log records (worker state, workflow and activity loggers) as pino lines. The SDK
// attaches workflowId, workflowRunId, workflowType, activityType… to workflow and activity records;
// the run id is renamed runId to match the API's and our own lines.
export function temporalLogger(log: Logger, level: LevelWithSilent): TemporalLogger {
  return new DefaultLogger(TEMPORAL_LEVEL[level], (entry: LogEntry) => {
    const { workflowRunId, ...meta } = entry.meta ?? {};
    const bindings = workflowRunId === undefined ? meta : { ...meta, runId: workflowRunId };
    const level = entry.level === 'TRACE' ? 'trace' : entry.level === 'DEBUG' ? 'debug' : entry.level === 'WARN' ? 'warn' : entry.level === 'ERROR' ? 'error' : 'info';
    log[level](bindings, entry.message);
  });
}
