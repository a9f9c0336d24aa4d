import { fail } from '@sveltejs/kit';
import { CREATE_INITIATIVE, START_ROI } from '$lib/graphql/mutations.js';
import { INITIATIVES, SCHEDULES, TOUCHPOINTS } from '$lib/graphql/queries.js';
import { settle, type Result } from '$lib/graphql/result.js';
import type { Schedule } from '$lib/graphql/types.js';
import { scheduleActions } from '$lib/schedules/schedule.server.js';
import { field, mutate } from '$lib/server/actions.js';
import { request } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';

// Each initiative's ROI schedule, by initiative id, in one query; streamed apart from the initiatives,
// so a failing schedule look-up (Temporal down) leaves the ROI reports readable.
function roiSchedules(token: string | undefined): Promise<Result<Record<string, Schedule>>> {
  return settle(request(token, SCHEDULES, { kind: 'ROI' }).then((d) => Object.fromEntries(d.schedules.map((schedule) => [schedule.targetId, schedule]))));
}

export const load: PageServerLoad = ({ locals }) => {
  return {
    initiatives: settle(request(locals.token, INITIATIVES, { first: 50 }).then((d) => d.initiatives.nodes)),
    touchpoints: settle(request(locals.token, TOUCHPOINTS, {}).then((d) => d.touchpoints)),
    schedules: roiSchedules(locals.token),
  };
};

export const actions: Actions = {
  create: async ({ request: req, locals }) => {
    const form = await req.formData();
    const name = field(form, 'name');
    const startDate = field(form, 'startDate');
    const cost = Number(field(form, 'cost'));
    const touchpointIds = form.getAll('touchpointIds').filter((v): v is string => typeof v === 'string' && v !== '');
    if (!name || !startDate || touchpointIds.length === 0) return fail(400, { error: 'Name, start date and at least one touchpoint are needed.' });
    if (!Number.isFinite(cost) || cost <= 0) return fail(400, { error: 'Cost must be a positive amount.' });
    const result = await mutate(locals.token, CREATE_INITIATIVE, { input: { name, startDate: new Date(`${startDate}T00:00:00Z`).toISOString(), cost, touchpointIds } });
    return result.ok ? { message: `Created ${result.data.createInitiative.name}.` } : result.failure;
  },
  evaluate: async ({ request: req, locals }) => {
    const initiativeId = field(await req.formData(), 'initiativeId');
    const result = await mutate(locals.token, START_ROI, { initiativeId });
    return result.ok ? { message: 'ROI evaluation started; refresh in a moment.' } : result.failure;
  },
  ...scheduleActions(['ROI']),
};
