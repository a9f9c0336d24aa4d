import type { Schedule, ScheduleKind } from '$lib/graphql/types.js';

// What a schedule form action answers, so the control that sent it can show the outcome.
export interface ScheduleFeedback {
  kind: ScheduleKind;
  targetId: string | null;
  cron: string;
  error?: string;
  message?: string;
}

// What a schedule runs, in words.
export const SCHEDULE_KIND_LABEL: Record<ScheduleKind, string> = {
  SYNC: 'Sync',
  AUDIT: 'Audit',
  RISK: 'Risk assessment',
  KPI_WATCH: 'KPI watch',
  ROI: 'ROI evaluation',
};

export const CRON_PLACEHOLDER = '0 6 * * *';

// The API checks the fields themselves; this only catches what is plainly not a 5-field cron.
export function cronProblem(cron: string): string | null {
  if (cron === '') return `Enter a cron, e.g. “${CRON_PLACEHOLDER}” for every day at 06:00.`;
  const fields = cron.split(/\s+/).length;
  if (fields !== 5) return `A cron has five fields (minute, hour, day of month, month, day of week), e.g. “${CRON_PLACEHOLDER}”; “${cron}” has ${fields}.`;
  return null;
}

export function normalizeCron(raw: string): string {
  return raw.trim().split(/\s+/).join(' ');
}

// A run time read in the schedule's own zone, the zone its cron is written in.
export function formatRunTime(iso: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };
  try {
    return new Date(iso).toLocaleString('en-GB', { ...options, timeZone });
  } catch {
    // An unknown zone name: show UTC and say so rather than fail the panel.
    return `${new Date(iso).toLocaleString('en-GB', { ...options, timeZone: 'UTC' })} UTC`;
  }
}

export function nextRunText(schedule: Schedule): string {
  const next = schedule.nextRuns[0];
  return next === undefined ? 'no upcoming run' : `next ${formatRunTime(next, schedule.timeZone)}`;
}

export function describeSchedule(schedule: Schedule | null): string {
  return schedule ? `Runs ${schedule.cron} (${schedule.timeZone}), ${nextRunText(schedule)}` : 'Not scheduled';
}

export function isFeedbackFor(feedback: ScheduleFeedback | null | undefined, kind: ScheduleKind, targetId: string | null): feedback is ScheduleFeedback {
  return feedback !== null && feedback !== undefined && feedback.kind === kind && feedback.targetId === targetId;
}
