import { describe, expect, it } from 'vitest';
import { createLogger, logLevel, temporalLogger } from './logger.js';

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

describe('worker logger', () => {
  it('reads WAYMARK_LOG_LEVEL, defaulting to info and refusing unknown levels', () => {
    expect(logLevel({})).toBe('info');
    expect(logLevel({ WAYMARK_LOG_LEVEL: 'debug' })).toBe('debug');
    expect(() => logLevel({ WAYMARK_LOG_LEVEL: 'loud' })).toThrow(/WAYMARK_LOG_LEVEL must be one of .*"loud"/);
  });

  it('writes Temporal activity records as JSON lines with workflowId, runId and activityType', () => {
    const { log, lines } = capture('info');
    temporalLogger(log, 'info').warn('Activity failed', { workflowId: 'sync-1', workflowRunId: 'run-1', activityType: 'pullPage', attempt: 2 });
    expect(lines).toEqual([expect.objectContaining({ level: 40, service: 'worker', msg: 'Activity failed', workflowId: 'sync-1', runId: 'run-1', activityType: 'pullPage', attempt: 2 })]);
    expect(lines[0]).not.toHaveProperty('workflowRunId');
  });

  it('drops Temporal records below the configured level', () => {
    const { log, lines } = capture('warn');
    const temporal = temporalLogger(log, 'warn');
    temporal.info('Worker state changed', { state: 'RUNNING' });
    temporal.error('Worker failed', {});
    expect(lines.map((line) => line['msg'])).toEqual(['Worker failed']);
  });
});
