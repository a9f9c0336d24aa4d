import { PLUGIN_CATEGORIES } from './contract.js';
import type { PluginDefinition } from './define-plugin.js';

/**
 * True when `value` looks like a definition built by {@link definePlugin} with a contract this
 * SDK understands. Hosts call it on whatever a plugin package exports as `plugin`.
 */
export function isPluginDefinition(value: unknown): value is PluginDefinition {
  return pluginDefinitionProblems(value).length === 0;
}

/** Why `value` is not a usable plugin definition; empty when it is one. */
export function pluginDefinitionProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['the export is not an object'];
  const field = (key: string): unknown => Reflect.get(value, key);
  if (field('kind') !== 'waymark-plugin') return ['the export was not built with definePlugin() from @waymark/plugin-sdk'];
  const problems: string[] = [];
  if (field('sdkContract') !== 1) problems.push(`unsupported plugin contract version ${String(field('sdkContract'))} (this host supports 1)`);
  for (const key of ['id', 'name', 'version', 'description']) {
    if (typeof field(key) !== 'string') problems.push(`"${key}" must be a string`);
  }
  const category = field('category');
  if (!PLUGIN_CATEGORIES.some((known) => known === category)) problems.push(`unknown category ${String(category)}`);
  for (const key of ['parseConfig', 'assertConfig', 'stream']) {
    if (typeof field(key) !== 'function') problems.push(`"${key}" must be a function`);
  }
  if (!Array.isArray(field('streams')) || !Array.isArray(field('secrets'))) problems.push('"streams" and "secrets" must be arrays');
  if (typeof field('configJsonSchema') !== 'object') problems.push('"configJsonSchema" is missing');
  return problems;
}
