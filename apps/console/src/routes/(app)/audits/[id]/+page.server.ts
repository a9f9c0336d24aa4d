import { error } from '@sveltejs/kit';
import { AUDIT } from '$lib/graphql/queries.js';
import { request } from '$lib/server/api.js';
import type { PageServerLoad } from './$types.js';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { audit } = await request(locals.token, AUDIT, { id: params.id });
  if (!audit) error(404, 'This audit does not exist in your workspace.');
  return { audit };
};
