import { fail } from '@sveltejs/kit';
import { ACK_ALERT, ASSESS_RISKS, RESOLVE_ALERT, RUN_KPI_WATCH } from '$lib/graphql/mutations.js';
import { ALERTS, JOURNEYS, RISK_REGISTER, SCHEDULE } from '$lib/graphql/queries.js';
import { settle } from '$lib/graphql/result.js';
import type { AlertStatus } from '$lib/graphql/types.js';
import { scheduleActions } from '$lib/schedules/schedule.server.js';
import { failureStatus, field, mutate } from '$lib/server/actions.js';
import { ApiError, request, requestWith } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';

const STATUSES: AlertStatus[] = ['OPEN', 'ACK', 'RESOLVED'];

export const load: PageServerLoad = async ({ locals, url }) => {
  const token = locals.token;
  const status = STATUSES.find((s) => s === url.searchParams.get('status')) ?? null;
  const journeys = await settle(request(token, JOURNEYS).then((d) => d.journeys));
  const journeyId = url.searchParams.get('journey') ?? (journeys.ok ? journeys.data[0]?.id : undefined) ?? null;
  return {
    status,
    journeys,
    journeyId,
    alerts: settle(request(token, ALERTS, status ? { status } : {}).then((d) => d.alerts)),
    risks: settle(journeyId ? request(token, RISK_REGISTER, { journeyId }).then((d) => d.riskRegister) : Promise.resolve([])),
    watchSchedule: settle(request(token, SCHEDULE, { kind: 'KPI_WATCH' }).then((d) => d.schedule)),
    riskSchedule: settle(journeyId ? request(token, SCHEDULE, { kind: 'RISK', targetId: journeyId }).then((d) => d.schedule) : Promise.resolve(null)),
  };
};

async function transition(kind: 'ack' | 'resolve', form: FormData, token: string | undefined) {
  const id = field(form, 'id');
  if (!id) return fail(400, { error: 'Which alert? Reload the page and try again.' });
  const result = kind === 'ack' ? await mutate(token, ACK_ALERT, { id }) : await mutate(token, RESOLVE_ALERT, { id });
  return result.ok ? { message: kind === 'ack' ? 'Alert acknowledged.' : 'Alert resolved.' } : result.failure;
}

// Both run their workflow and wait for it; the panel that asked says why it failed.
function runFailure(error: unknown, what: string): { status: number; message: string } {
  if (!(error instanceof ApiError)) throw error;
  if (error.code === 'TIMEOUT') {
    return { status: 504, message: `The ${what} did not finish within the console's wait; it may still complete. Reload the page in a minute to see its outcome.` };
  }
  return { status: failureStatus(error.code), message: `The ${what} failed: ${error.message}` };
}

export const actions: Actions = {
  ack: async ({ request: req, locals }) => transition('ack', await req.formData(), locals.token),
  resolve: async ({ request: req, locals }) => transition('resolve', await req.formData(), locals.token),
  assess: async ({ request: req, locals }) => {
    const journeyId = field(await req.formData(), 'journeyId');
    if (!journeyId) return fail(400, { riskError: 'Choose the journey to assess.' });
    try {
      const { assessRisks } = await requestWith(locals.token, ASSESS_RISKS, { journeyId });
      return { assessed: { journeyId, risks: assessRisks } };
    } catch (error) {
      const { status, message } = runFailure(error, 'risk assessment');
      return fail(status, { riskError: message });
    }
  },
  watch: async ({ locals }) => {
    try {
      const { runKpiWatch } = await requestWith(locals.token, RUN_KPI_WATCH, {});
      return { watched: runKpiWatch };
    } catch (error) {
      const { status, message } = runFailure(error, 'threshold check');
      return fail(status, { watchError: message });
    }
  },
  ...scheduleActions(['RISK', 'KPI_WATCH']),
};
