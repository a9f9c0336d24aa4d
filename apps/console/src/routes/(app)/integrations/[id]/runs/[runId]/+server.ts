import { error, json } from '@sveltejs/kit';
import { SYNC_RUN } from '$lib/graphql/queries.js';
import { ApiError, request } from '$lib/server/api.js';
import type { RequestHandler } from './$types.js';

// The live progress the sync page polls; the session cookie stays on the server side.
export const GET: RequestHandler = async ({ locals, params }) => {
  if (!locals.token) error(401, 'Sign in first.');
  try {
    const { syncRun } = await request(locals.token, SYNC_RUN, { id: params.runId });
    if (!syncRun) error(404, 'No such sync run.');
    return json(syncRun, { headers: { 'cache-control': 'no-store' } });
  } catch (cause) {
    if (cause instanceof ApiError) error(cause.code === 'UNAUTHENTICATED' ? 401 : 502, cause.message);
    throw cause;
  }
};
