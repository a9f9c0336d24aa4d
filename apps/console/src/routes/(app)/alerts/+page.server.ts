import { fail } from '@sveltejs/kit';
import { ACK_ALERT, RESOLVE_ALERT } from '$lib/graphql/mutations.js';
import { ALERTS, JOURNEYS, RISK_REGISTER } from '$lib/graphql/queries.js';
import { settle } from '$lib/graphql/result.js';
import type { AlertStatus } from '$lib/graphql/types.js';
import { field, mutate } from '$lib/server/actions.js';
import { request } from '$lib/server/api.js';
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
  };
};

async function transition(kind: 'ack' | 'resolve', form: FormData, token: string | undefined) {
  const id = field(form, 'id');
  if (!id) return fail(400, { error: 'Which alert? Reload the page and try again.' });
  const result = kind === 'ack' ? await mutate(token, ACK_ALERT, { id }) : await mutate(token, RESOLVE_ALERT, { id });
  return result.ok ? { message: kind === 'ack' ? 'Alert acknowledged.' : 'Alert resolved.' } : result.failure;
}

export const actions: Actions = {
  ack: async ({ request: req, locals }) => transition('ack', await req.formData(), locals.token),
  resolve: async ({ request: req, locals }) => transition('resolve', await req.formData(), locals.token),
};
