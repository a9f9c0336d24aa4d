import type { Client, ScheduleDescription, ScheduleOptionsAction, ScheduleUpdateOptions } from '@temporalio/client';
import { ScheduleNotFoundError } from '@temporalio/client';
import { CronExpressionParser } from 'cron-parser';
import { TASK_QUEUE } from '../task-queue.js';
import type { ScheduleKind } from './types.js';
import { SCHEDULE_KINDS } from './types.js';

export interface ScheduleTarget {
  workspaceId: string;
  kind: ScheduleKind;
  // Integration (sync), journey (audit, risk), workspace (kpi-watch) or initiative (roi) id.
  targetId: string;
}

export class ScheduleError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(message: string) {
    super(message);
    this.name = 'ScheduleError';
  }
}

export const scheduleId = (target: ScheduleTarget): string => `${target.kind}:${target.workspaceId}:${target.targetId}`;

function action(target: ScheduleTarget, cron: string): ScheduleOptionsAction {
  const workflowId = `scheduled-${scheduleId(target)}`;
  const base = { type: 'startWorkflow', taskQueue: TASK_QUEUE, workflowId, memo: { cron } } as const;
  const { workspaceId, targetId } = target;
  switch (target.kind) {
    case 'sync':
      return { ...base, workflowType: 'scheduledSyncWorkflow', args: [{ workspaceId, integrationId: targetId }] };
    case 'audit':
      return { ...base, workflowType: 'scheduledAuditWorkflow', args: [{ workspaceId, journeyId: targetId }] };
    case 'kpi-watch':
      return { ...base, workflowType: 'kpiWatchWorkflow', args: [{ workspaceId }] };
    case 'risk':
      return { ...base, workflowType: 'riskAssessmentWorkflow', args: [{ workspaceId, journeyId: targetId }] };
    case 'roi':
      return { ...base, workflowType: 'scheduledRoiWorkflow', args: [{ workspaceId, initiativeId: targetId }] };
  }
}

function checkTimeZone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new ScheduleError(`Unknown time zone "${timezone}": use an IANA name such as "Europe/Lisbon" or "UTC"`);
  }
}

/** Throws a ScheduleError that says what is wrong with a cron expression or time zone. */
export function checkSchedule(cron: string, timezone?: string): void {
  if (cron.trim().split(/\s+/).length !== 5) throw new ScheduleError(`Schedule "${cron}" is not a 5-field cron expression (minute hour day-of-month month day-of-week), e.g. "0 * * * *"`);
  if (timezone !== undefined) checkTimeZone(timezone);
  try {
    CronExpressionParser.parse(cron, timezone === undefined ? {} : { tz: timezone });
  } catch (error) {
    throw new ScheduleError(`Schedule "${cron}" is not a valid cron expression: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function validate(target: ScheduleTarget, cron: string, timezone?: string): void {
  if (!SCHEDULE_KINDS.includes(target.kind)) throw new ScheduleError(`Unknown schedule kind "${target.kind}" (one of ${SCHEDULE_KINDS.join(', ')})`);
  checkSchedule(cron, timezone);
}

// Creates or replaces the Temporal Schedule of one target. Overlapping runs are skipped.
export async function upsertSchedule(client: Client, input: ScheduleTarget & { cron: string; timezone?: string }): Promise<string> {
  validate(input, input.cron, input.timezone);
  const id = scheduleId(input);
  const spec = { cronExpressions: [input.cron], ...(input.timezone ? { timezone: input.timezone } : {}) };
  const handle = client.schedule.getHandle(id);
  try {
    await handle.update((previous: ScheduleDescription): ScheduleUpdateOptions => ({ ...previous, spec, action: action(input, input.cron) }));
    return id;
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
  await client.schedule.create({ scheduleId: id, spec, action: action(input, input.cron), policies: { overlap: 'SKIP', catchupWindow: '10 minutes' } });
  return id;
}

// Removes a target's schedule; true when one existed.
export async function deleteSchedule(client: Client, target: ScheduleTarget): Promise<boolean> {
  try {
    await client.schedule.getHandle(scheduleId(target)).delete();
    return true;
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return false;
    throw error;
  }
}

// The cron of the last upsert; Temporal keeps it as a calendar spec, so we also keep it in the action's memo.
function cronOf(d: ScheduleDescription): string | null {
  const cron = d.action.type === 'startWorkflow' ? d.action.memo?.['cron'] : undefined;
  return typeof cron === 'string' ? cron : null;
}

// Next run times of a target's schedule, or null when it has none.
export async function describeSchedule(client: Client, target: ScheduleTarget): Promise<{ cron: string | null; timezone: string | null; nextRuns: Date[]; paused: boolean } | null> {
  try {
    const d = await client.schedule.getHandle(scheduleId(target)).describe();
    return { cron: cronOf(d), timezone: d.spec.timezone ?? null, nextRuns: d.info.nextActionTimes, paused: d.state.paused };
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return null;
    throw error;
  }
}
