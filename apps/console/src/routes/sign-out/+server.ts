import { redirect } from '@sveltejs/kit';
import { clearSession } from '$lib/auth/session.server.js';
import type { RequestHandler } from './$types.js';

export const POST: RequestHandler = ({ cookies }) => {
  clearSession(cookies);
  redirect(303, '/sign-in');
};
