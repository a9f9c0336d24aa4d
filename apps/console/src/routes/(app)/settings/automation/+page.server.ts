import { SCHEDULES } from '$lib/graphql/queries.js';
import { settle } from '$lib/graphql/result.js';
import { request } from '$lib/server/api.js';
import type { PageServerLoad } from './$types.js';

// Read-only: each schedule is set, changed or removed on the page of what it runs for.
export const load: PageServerLoad = ({ locals }) => ({
  schedules: settle(request(locals.token, SCHEDULES, {}).then((d) => d.schedules)),
});
