import type { PluginDefinition } from '@waymark/plugin-sdk';

type SecretsOf = Pick<PluginDefinition, 'name' | 'secrets'>;

/** Labels of the required secrets that have no value. */
export function missingSecrets(plugin: SecretsOf, secrets: Readonly<Record<string, unknown>>): string[] {
  return plugin.secrets.filter((secret) => secret.required && !secrets[secret.key]).map((secret) => secret.label);
}

/**
 * What is wrong with the whole set of secrets an integration is saved with, one sentence a problem:
 * keys the plugin does not declare, values that are not text, required ones left out.
 */
export function secretsProblems(plugin: SecretsOf, secrets: Readonly<Record<string, unknown>>): string[] {
  const declared = plugin.secrets.map((secret) => secret.key);
  const takes = declared.length > 0 ? `it takes ${declared.map((key) => `"${key}"`).join(', ')}` : 'it takes none';
  const unknown = Object.keys(secrets).filter((key) => !declared.includes(key)).map((key) => `"${key}" is not a secret of ${plugin.name}; ${takes}`);
  const notText = declared.filter((key) => key in secrets && typeof secrets[key] !== 'string').map((key) => `secret "${key}" must be text`);
  const missing = missingSecrets(plugin, secrets).map((label) => `${plugin.name} needs its secret "${label}"`);
  return [...unknown, ...notText, ...missing];
}
