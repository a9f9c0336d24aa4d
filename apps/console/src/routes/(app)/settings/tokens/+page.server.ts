import { fail } from '@sveltejs/kit';
import { CREATE_API_TOKEN, REVOKE_API_TOKEN } from '$lib/graphql/mutations.js';
import { API_TOKENS } from '$lib/graphql/queries.js';
import { settle } from '$lib/graphql/result.js';
import type { Role } from '$lib/graphql/types.js';
import { field, mutate } from '$lib/server/actions.js';
import { request } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';

const ROLES: Role[] = ['ADMIN', 'EXECUTIVE', 'ANALYST', 'PARTNER'];

export const load: PageServerLoad = ({ locals }) => ({
  tokens: settle(request(locals.token, API_TOKENS).then((d) => d.apiTokens)),
});

export const actions: Actions = {
  create: async ({ request: req, locals }) => {
    const form = await req.formData();
    const name = field(form, 'name');
    const role = ROLES.find((r) => r === field(form, 'role'));
    if (!name || !role) return fail(400, { error: 'Give the token a name and a role.' });
    const result = await mutate(locals.token, CREATE_API_TOKEN, { name, role });
    // The secret is shown once, in this response only; it is never stored by the console.
    return result.ok ? { created: result.data.createApiToken } : result.failure;
  },
  revoke: async ({ request: req, locals }) => {
    const id = field(await req.formData(), 'id');
    if (!id) return fail(400, { error: 'Which token? Reload the page and try again.' });
    const result = await mutate(locals.token, REVOKE_API_TOKEN, { id });
    return result.ok ? { message: 'Token revoked; it no longer signs in.' } : result.failure;
  },
};
