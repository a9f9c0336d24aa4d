import { fail } from '@sveltejs/kit';
import { settle } from '$lib/graphql/result.js';
import { operation } from '$lib/graphql/operation.js';
import type { Journey } from '$lib/graphql/types.js';
import { field, mutate } from '$lib/server/actions.js';
import { request } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';

const JOURNEY_OVERVIEW = operation<{ journeys: Journey[] }>(
  'JourneyOverview',
  `query JourneyOverview { journeys { id name description stages { id name position touchpoints { id key name channel type mode ownerTeam monthlyCost facts } } } }`,
);

const CREATE_JOURNEY = operation<{ createJourney: { id: string } }, { input: { name: string; description?: string; stages: { name: string }[] } }>(
  'CreateJourney',
  `mutation CreateJourney($input: JourneyInput!) { createJourney(input: $input) { id } }`,
);

const DEFAULT_STAGES = ['Awareness', 'Consideration', 'Purchase', 'Retention', 'Advocacy'];

export const load: PageServerLoad = ({ locals, url }) => ({
  deleted: url.searchParams.get('deleted'),
  journeys: settle(request(locals.token, JOURNEY_OVERVIEW).then((d) => d.journeys)),
});

export const actions: Actions = {
  create: async ({ request: req, locals }) => {
    const form = await req.formData();
    const name = field(form, 'name');
    if (!name) return fail(400, { error: 'Give the journey a name.' });
    const stages = (field(form, 'stages') || DEFAULT_STAGES.join(', ')).split(',').map((s) => s.trim()).filter(Boolean);
    const description = field(form, 'description');
    const result = await mutate(locals.token, CREATE_JOURNEY, { input: { name, stages: stages.map((s) => ({ name: s })), ...(description ? { description } : {}) } });
    return result.ok ? { created: result.data.createJourney.id } : result.failure;
  },
};
