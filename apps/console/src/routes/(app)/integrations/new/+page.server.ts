import { error, redirect } from '@sveltejs/kit';
import { PLUGINS } from '$lib/graphql/queries.js';
import { saveIntegration } from '$lib/integrations/save.server.js';
import { field } from '$lib/server/actions.js';
import { request } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';

export const load: PageServerLoad = async ({ locals, url }) => {
  const pluginId = url.searchParams.get('plugin');
  const { plugins } = await request(locals.token, PLUGINS);
  const plugin = plugins.find((p) => p.id === pluginId);
  if (!plugin) error(404, 'Choose a plugin from the catalog first.');
  return { plugin };
};

export const actions: Actions = {
  save: async ({ request: req, locals, url }) => {
    const form = await req.formData();
    const pluginId = field(form, 'pluginId') || (url.searchParams.get('plugin') ?? '');
    const result = await saveIntegration(locals.token, form, pluginId);
    if (!result.ok) return result.failure;
    redirect(303, `/integrations/${result.data.configureIntegration.id}`);
  },
};
