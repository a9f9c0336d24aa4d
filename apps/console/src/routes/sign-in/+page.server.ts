import { fail, redirect } from '@sveltejs/kit';
import { setSession } from '$lib/auth/session.server.js';
import { ME } from '$lib/graphql/queries.js';
import { ApiError, request } from '$lib/server/api.js';
import type { Actions } from './$types.js';

export const actions: Actions = {
  default: async ({ request: formRequest, cookies, url }) => {
    const form = await formRequest.formData();
    const token = String(form.get('token') ?? '').trim();
    if (!token) return fail(400, { error: 'Paste an API token to sign in.' });
    try {
      const { me } = await request(token, ME);
      setSession(cookies, url, token);
      redirect(303, me.role === 'PARTNER' ? '/integrations' : '/');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const message = error.code === 'UNAUTHENTICATED' ? 'That token is not valid. Check it and try again.' : error.message;
      return fail(error.code === 'UNAUTHENTICATED' ? 401 : 502, { error: message });
    }
  },
};
