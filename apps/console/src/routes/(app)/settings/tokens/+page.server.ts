import { fail } from '@sveltejs/kit';
import { CREATE_API_TOKEN, REVOKE_API_TOKEN, SET_CONVERSION_PREAGGREGATION, SET_STORE_RAW_CONTACTS } from '$lib/graphql/mutations.js';
import { API_TOKENS, WORKSPACE_SETTINGS } from '$lib/graphql/queries.js';
import { settle } from '$lib/graphql/result.js';
import type { Role } from '$lib/graphql/types.js';
import { field, mutate } from '$lib/server/actions.js';
import { ApiError, request, requestWith } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';

const ROLES: Role[] = ['ADMIN', 'EXECUTIVE', 'ANALYST', 'PARTNER'];
const CONVERSION_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, TIMEOUT: 504 };
const CONVERSION_ON = 'Fast conversion-rate tile on: the tile reads the pre-aggregate, and every ingested batch takes longer.';
const CONVERSION_OFF = 'Fast conversion-rate tile off: the tile is computed from the events again, and ingestion no longer keeps the pre-aggregate.';
const CONTACTS_RAW = 'Contacts kept as given: new e-mail addresses and phone numbers are stored as they arrive.';
const CONTACTS_HASHED = 'Contacts hashed: every stored e-mail address and phone number is now its SHA-256, and new ones will be too.';
const CONVERSION_STILL_BUILDING = 'The API is still building the pre-aggregate from the stored events; reload this page in a few minutes to see the setting on.';

export const load: PageServerLoad = ({ locals }) => ({
  tokens: settle(request(locals.token, API_TOKENS).then((d) => d.apiTokens)),
  workspace: settle(request(locals.token, WORKSPACE_SETTINGS).then((d) => d.workspace)),
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
  // A checkbox sends nothing when cleared, so a missing field means off.
  conversion: async ({ request: req, locals }) => {
    const enabled = field(await req.formData(), 'enabled') === 'on';
    try {
      const { setConversionPreaggregation: workspace } = await requestWith(locals.token, SET_CONVERSION_PREAGGREGATION, { enabled });
      return { conversionMessage: workspace.conversionPreaggregation ? CONVERSION_ON : CONVERSION_OFF };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Turning it on derives the pre-aggregate before the API answers; on a big workspace that can
      // outlast the console's wait (WAYMARK_API_TIMEOUT_MS), and the API finishes and commits anyway.
      const message = error.code === 'TIMEOUT' && enabled ? CONVERSION_STILL_BUILDING : error.message;
      return fail(CONVERSION_STATUS[error.code] ?? 502, { conversionError: message });
    }
  },
  contacts: async ({ request: req, locals }) => {
    const enabled = field(await req.formData(), 'enabled') === 'on';
    try {
      const { setStoreRawContacts: workspace } = await requestWith(locals.token, SET_STORE_RAW_CONTACTS, { enabled });
      return { contactsMessage: workspace.storeRawContacts ? CONTACTS_RAW : CONTACTS_HASHED };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return fail(error.code === 'BAD_USER_INPUT' ? 400 : (CONVERSION_STATUS[error.code] ?? 502), { contactsError: error.message });
    }
  },
};
