import { INTEGRATIONS, PLUGINS } from '$lib/graphql/queries.js';
import { settle } from '$lib/graphql/result.js';
import { request } from '$lib/server/api.js';
import type { PageServerLoad } from './$types.js';

export const load: PageServerLoad = ({ locals, url }) => ({
  deleted: url.searchParams.get('deleted'),
  plugins: settle(request(locals.token, PLUGINS).then((d) => d.plugins)),
  integrations: settle(request(locals.token, INTEGRATIONS).then((d) => d.integrations)),
});
