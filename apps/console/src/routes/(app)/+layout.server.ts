import { error, redirect } from '@sveltejs/kit';
import { clearSession } from '$lib/auth/session.server.js';
import { ME } from '$lib/graphql/queries.js';
import { ApiError, request } from '$lib/server/api.js';
import type { LayoutServerLoad } from './$types.js';

export const load: LayoutServerLoad = async ({ locals, cookies }) => {
  if (!locals.token) redirect(303, '/sign-in');
  try {
    const { me } = await request(locals.token, ME);
    return { viewer: me };
  } catch (cause) {
    if (cause instanceof ApiError && cause.code === 'UNAUTHENTICATED') {
      clearSession(cookies);
      redirect(303, '/sign-in');
    }
    error(502, cause instanceof Error ? cause.message : String(cause));
  }
};
