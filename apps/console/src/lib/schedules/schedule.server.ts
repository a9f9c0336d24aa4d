import { fail, type RequestEvent } from '@sveltejs/kit';
import { REMOVE_SCHEDULE, SET_SCHEDULE } from '$lib/graphql/mutations.js';
import type { ScheduleKind } from '$lib/graphql/types.js';
import { failureStatus, field } from '$lib/server/actions.js';
import { ApiError, requestWith } from '$lib/server/api.js';
import { cronProblem, normalizeCron, type ScheduleFeedback } from './schedule.js';

type ActionEvent = Pick<RequestEvent, 'request' | 'locals'>;

interface Target {
  kind: ScheduleKind;
  targetId: string | null;
}

// KPI_WATCH belongs to the workspace; every other kind names its integration, journey or initiative.
function targetOf(form: FormData, kinds: readonly ScheduleKind[]): Target | null {
  const kind = kinds.find((k) => k === field(form, 'kind'));
  const targetId = field(form, 'targetId');
  if (!kind) return null;
  if (kind === 'KPI_WATCH') return { kind, targetId: null };
  return targetId ? { kind, targetId } : null;
}

function scope({ kind, targetId }: Target): { kind: ScheduleKind; targetId?: string } {
  return targetId === null ? { kind } : { kind, targetId };
}

function failed(target: Target, cron: string, error: unknown) {
  if (!(error instanceof ApiError)) throw error;
  const scheduleResult: ScheduleFeedback = { ...target, cron, error: error.message };
  return fail(failureStatus(error.code), { scheduleResult });
}

const UNKNOWN_TARGET = 'Which schedule? Reload the page and try again.';

async function setSchedule(kinds: readonly ScheduleKind[], form: FormData, token: string | undefined) {
  const target = targetOf(form, kinds);
  if (!target) return fail(400, { error: UNKNOWN_TARGET });
  const cron = normalizeCron(field(form, 'cron'));
  const problem = cronProblem(cron);
  if (problem) return fail(400, { scheduleResult: { ...target, cron, error: problem } satisfies ScheduleFeedback });
  // The control sends the zone of the schedule it replaces, so editing the cron keeps that zone.
  const timeZone = field(form, 'timeZone');
  try {
    await requestWith(token, SET_SCHEDULE, { input: { ...scope(target), cron, ...(timeZone ? { timeZone } : {}) } });
    return { scheduleResult: { ...target, cron, message: 'Schedule saved.' } satisfies ScheduleFeedback };
  } catch (error) {
    return failed(target, cron, error);
  }
}

async function removeSchedule(kinds: readonly ScheduleKind[], form: FormData, token: string | undefined) {
  const target = targetOf(form, kinds);
  if (!target) return fail(400, { error: UNKNOWN_TARGET });
  try {
    const { removeSchedule: existed } = await requestWith(token, REMOVE_SCHEDULE, scope(target));
    return { scheduleResult: { ...target, cron: '', message: existed ? 'Schedule removed.' : 'There was no schedule to remove.' } satisfies ScheduleFeedback };
  } catch (error) {
    return failed(target, '', error);
  }
}

// The setSchedule and removeSchedule form actions of a page, limited to the kinds it shows.
export function scheduleActions(kinds: readonly ScheduleKind[]) {
  return {
    setSchedule: async ({ request, locals }: ActionEvent) => setSchedule(kinds, await request.formData(), locals.token),
    removeSchedule: async ({ request, locals }: ActionEvent) => removeSchedule(kinds, await request.formData(), locals.token),
  };
}
