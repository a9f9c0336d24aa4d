import { fail } from '@sveltejs/kit';
import { CONFIGURE_INTEGRATION, type IntegrationInput } from '$lib/graphql/mutations.js';
import { field, mutate } from '$lib/server/actions.js';

function parseConfig(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : null;
  } catch {
    return null;
  }
}

// Secrets are write-only: a blank secret field means "keep the stored one", so it is not sent.
function secretsOf(form: FormData): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('secret:') && typeof value === 'string' && value.trim() !== '') secrets[key.slice(7)] = value.trim();
  }
  return secrets;
}

export async function saveIntegration(token: string | undefined, form: FormData, pluginId: string, id?: string) {
  const name = field(form, 'name');
  const config = parseConfig(field(form, 'config') || '{}');
  if (!name) return { ok: false as const, failure: fail(400, { error: 'Give the integration a name.' }) };
  if (!config) return { ok: false as const, failure: fail(400, { error: 'The settings could not be read; reload the page and try again.' }) };
  const secrets = secretsOf(form);
  const schedule = field(form, 'schedule');
  const input: IntegrationInput = { pluginId, name, config, schedule: schedule || null };
  if (id) input.id = id;
  if (Object.keys(secrets).length > 0) input.secrets = secrets;
  return mutate(token, CONFIGURE_INTEGRATION, { input });
}
