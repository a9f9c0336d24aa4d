import { fail } from '@sveltejs/kit';
import { CREATE_INITIATIVE, START_ROI } from '$lib/graphql/mutations.js';
import { INITIATIVES, roiSchedules, TOUCHPOINTS } from '$lib/graphql/queries.js';
import { settle, type Result } from '$lib/graphql/result.js';
import type { Initiative, Schedule } from '$lib/graphql/types.js';
import { scheduleActions } from '$lib/schedules/schedule.server.js';
import { field, mutate } from '$lib/server/actions.js';
import { request, requestWith } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';

// Initiatives per schedule query: the API refuses a document with more than 30 aliases.
const SCHEDULES_PER_QUERY = 25;

async function schedulesOf(token: string | undefined, ids: string[]): Promise<Record<string, Schedule | null>> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += SCHEDULES_PER_QUERY) chunks.push(ids.slice(i, i + SCHEDULES_PER_QUERY));
  const answers = await Promise.all(chunks.map(async (chunk) => {
    const data = await requestWith(token, roiSchedules(chunk.length), Object.fromEntries(chunk.map((id, i) => [`t${i}`, id])));
    return chunk.map((id, i): [string, Schedule | null] => [id, data[`s${i}`] ?? null]);
  }));
  return Object.fromEntries(answers.flat());
}

// Each initiative's ROI schedule, by initiative id; streamed apart from the initiatives, so a failing
// schedule look-up (Temporal down) leaves the ROI reports readable.
async function roiScheduleResult(token: string | undefined, initiatives: Promise<Result<Initiative[]>>): Promise<Result<Record<string, Schedule | null>>> {
  const settled = await initiatives;
  if (!settled.ok) return settled;
  return settle(schedulesOf(token, settled.data.map((i) => i.id)));
}

export const load: PageServerLoad = ({ locals }) => {
  const initiatives = settle(request(locals.token, INITIATIVES, { first: 50 }).then((d) => d.initiatives.nodes));
  return {
    initiatives,
    touchpoints: settle(request(locals.token, TOUCHPOINTS, {}).then((d) => d.touchpoints)),
    schedules: roiScheduleResult(locals.token, initiatives),
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
