import { fail, redirect } from '@sveltejs/kit';
import { START_AUDIT } from '$lib/graphql/mutations.js';
import { AUDITS, JOURNEYS } from '$lib/graphql/queries.js';
import { settle } from '$lib/graphql/result.js';
import { field, mutate } from '$lib/server/actions.js';
import { request } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';

export const load: PageServerLoad = ({ locals, url }) => ({
  audits: settle(request(locals.token, AUDITS, { first: 25, ...(url.searchParams.get('after') ? { after: url.searchParams.get('after') ?? '' } : {}) }).then((d) => d.audits)),
  journeys: settle(request(locals.token, JOURNEYS).then((d) => d.journeys)),
});

export const actions: Actions = {
  start: async ({ request: req, locals }) => {
    const journeyId = field(await req.formData(), 'journeyId');
    if (!journeyId) return fail(400, { error: 'Choose the journey to audit.' });
    const result = await mutate(locals.token, START_AUDIT, { journeyId });
    if (!result.ok) return result.failure;
    redirect(303, `/audits/${result.data.startConsistencyAudit.id}`);
  },
};
