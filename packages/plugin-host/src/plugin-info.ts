import type { PluginCategory, PluginDefinition, SecretDeclaration } from '@waymark/plugin-sdk';

/** What the `plugins` query reports for one installed plugin. */
export interface PluginInfo {
  id: string;
  name: string;
  version: string;
  category: PluginCategory;
  description: string;
  /** JSON Schema of the config, for the console form. */
  configSchema: Record<string, unknown>;
  secrets: SecretDeclaration[];
  streams: Array<{ name: string; description: string }>;
  /** Whether the plugin receives webhooks at `/webhooks/<integrationId>`. */
  supportsWebhook: boolean;
  supportsTestConnection: boolean;
  /** npm package the plugin came from. */
  packageName: string;
}

export function toPluginInfo(plugin: PluginDefinition, packageName: string): PluginInfo {
  return {
    id: plugin.id,
    name: plugin.name,
    version: plugin.version,
    category: plugin.category,
    description: plugin.description,
    configSchema: plugin.configJsonSchema,
    secrets: plugin.secrets.map((secret) => ({ ...secret })),
    streams: plugin.streams.map((stream) => ({ name: stream.name, description: stream.description })),
    supportsWebhook: plugin.webhook !== undefined,
    supportsTestConnection: plugin.testConnection !== undefined,
    packageName,
  };
}
