import { fail, redirect } from '@sveltejs/kit';
import { START_AUDIT } from '$lib/graphql/mutations.js';
import { AUDITS, JOURNEYS, SCHEDULE } from '$lib/graphql/queries.js';
import { settle, type Result } from '$lib/graphql/result.js';
import type { JourneySummary, Schedule } from '$lib/graphql/types.js';
import { scheduleActions } from '$lib/schedules/schedule.server.js';
import { field, mutate } from '$lib/server/actions.js';
import { request } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';

interface JourneySchedule {
  journey: JourneySummary;
  schedule: Schedule | null;
}

async function auditSchedules(token: string | undefined, journeys: Promise<Result<JourneySummary[]>>): Promise<Result<JourneySchedule[]>> {
  const settled = await journeys;
  if (!settled.ok) return settled;
  return settle(Promise.all(settled.data.map(async (journey) => {
    const { schedule } = await request(token, SCHEDULE, { kind: 'AUDIT', targetId: journey.id });
    return { journey, schedule };
  })));
}

export const load: PageServerLoad = ({ locals, url }) => {
  const journeys = settle(request(locals.token, JOURNEYS).then((d) => d.journeys));
  return {
    audits: settle(request(locals.token, AUDITS, { first: 25, ...(url.searchParams.get('after') ? { after: url.searchParams.get('after') ?? '' } : {}) }).then((d) => d.audits)),
    journeys,
    schedules: auditSchedules(locals.token, journeys),
  };
};

export const actions: Actions = {
  start: async ({ request: req, locals }) => {
    const journeyId = field(await req.formData(), 'journeyId');
    if (!journeyId) return fail(400, { error: 'Choose the journey to audit.' });
    const result = await mutate(locals.token, START_AUDIT, { journeyId });
    if (!result.ok) return result.failure;
    redirect(303, `/audits/${result.data.startConsistencyAudit.id}`);
  },
  ...scheduleActions(['AUDIT']),
};
