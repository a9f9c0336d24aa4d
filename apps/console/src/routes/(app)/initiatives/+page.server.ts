import { fail } from '@sveltejs/kit';
import { CREATE_INITIATIVE, DELETE_INITIATIVE, START_ROI, UPDATE_INITIATIVE } from '$lib/graphql/mutations.js';
import { INITIATIVES, SCHEDULES, TOUCHPOINTS } from '$lib/graphql/queries.js';
import { settle, type Result } from '$lib/graphql/result.js';
import type { Schedule } from '$lib/graphql/types.js';
import { readInitiativeForm } from '$lib/initiatives/initiative-form.js';
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
    const read = readInitiativeForm(await req.formData());
    if (!read.ok) return fail(400, { error: read.error });
    const result = await mutate(locals.token, CREATE_INITIATIVE, { input: read.values });
    return result.ok ? { message: `Created ${result.data.createInitiative.name}.` } : result.failure;
  },
  update: async ({ request: req, locals }) => {
    const form = await req.formData();
    const id = field(form, 'id');
    const read = readInitiativeForm(form);
    if (!read.ok) return fail(400, { error: read.error, editing: id });
    const result = await mutate(locals.token, UPDATE_INITIATIVE, { id, input: read.values });
    if (!result.ok) return fail(result.failure.status, { ...result.failure.data, editing: id });
    return { message: `Saved ${result.data.updateInitiative.name}. Evaluate its ROI again for figures on the new values.` };
  },
  delete: async ({ request: req, locals }) => {
    const form = await req.formData();
    const result = await mutate(locals.token, DELETE_INITIATIVE, { id: field(form, 'id') });
    return result.ok ? { message: `Deleted ${field(form, 'name') || 'the initiative'} with its ROI reports and schedule.` } : result.failure;
  },
  evaluate: async ({ request: req, locals }) => {
    const initiativeId = field(await req.formData(), 'initiativeId');
    const result = await mutate(locals.token, START_ROI, { initiativeId });
    return result.ok ? { message: 'ROI evaluation started; refresh in a moment.' } : result.failure;
  },
  ...scheduleActions(['ROI']),
};
