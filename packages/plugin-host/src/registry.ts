import { PluginError } from '@waymark/plugin-sdk';
import type { PluginDefinition } from '@waymark/plugin-sdk';
import { BUNDLED_PLUGIN_PACKAGES, discoverInstalledPlugins, loadPluginModule } from './discovery.js';
import type { DiscoveredPlugin, DiscoveryProblem } from './discovery.js';
import { toPluginInfo } from './plugin-info.js';
import type { PluginInfo } from './plugin-info.js';

/** The plugins this platform instance can run. */
export interface PluginRegistry {
  /** Every usable plugin, sorted by id. */
  list(): PluginInfo[];
  /** The plugin with this id, if installed. */
  get(id: string): PluginDefinition | undefined;
  /** Like `get`, but throws `PluginError('not_supported')` naming the installed ids. */
  require(id: string): PluginDefinition;
  /** Packages that looked like plugins but could not be used (shown to admins, never hidden). */
  readonly problems: readonly DiscoveryProblem[];
}

/** Options of {@link createPluginRegistry}. */
export interface PluginRegistryOptions {
  /**
   * Directory of the host app (its package.json lists extra plugin packages). Default: env
   * `WAYMARK_PLUGIN_APP_DIR`, else `process.cwd()`. Set to `false` to load only the bundled plugins.
   */
  appDir?: string | false;
  /** Extra definitions, e.g. in tests. */
  plugins?: readonly PluginDefinition[];
  /** Load the plugins shipped with Waymark. Default true. */
  bundled?: boolean;
}

/**
 * Discovers installed plugins (the bundled ones, plus any dependency of the host app whose
 * package.json declares `"waymark": { "role": "plugin" }`), validates each definition and
 * returns the registry. A package that fails validation is listed in `problems`.
 */
export async function createPluginRegistry(options: PluginRegistryOptions = {}): Promise<PluginRegistry> {
  const found: DiscoveredPlugin[] = (options.plugins ?? []).map((plugin) => ({ plugin, packageName: '(provided)' }));
  const problems: DiscoveryProblem[] = [];
  if (options.bundled ?? true) {
    for (const name of BUNDLED_PLUGIN_PACKAGES) {
      const loaded = await loadPluginModule(name, name, (specifier) => import(specifier));
      // A bundled package without a `plugin` export yet is a placeholder, not a fault.
      if ('plugin' in loaded) found.push(loaded);
      else if (!loaded.reason.startsWith('has no named export')) problems.push(loaded);
    }
  }
  const appDir = options.appDir ?? process.env['WAYMARK_PLUGIN_APP_DIR'] ?? process.cwd();
  if (appDir !== false) {
    const installed = await discoverInstalledPlugins(appDir, new Set(BUNDLED_PLUGIN_PACKAGES));
    found.push(...installed.plugins);
    problems.push(...installed.problems);
  }
  return buildRegistry(found, problems);
}

function buildRegistry(found: readonly DiscoveredPlugin[], problems: DiscoveryProblem[]): PluginRegistry {
  const byId = new Map<string, DiscoveredPlugin>();
  for (const entry of found) {
    const existing = byId.get(entry.plugin.id);
    if (existing) {
      problems.push({ packageName: entry.packageName, reason: `plugin id "${entry.plugin.id}" is already provided by ${existing.packageName}` });
      continue;
    }
    byId.set(entry.plugin.id, entry);
  }
  const sorted = [...byId.values()].sort((a, b) => a.plugin.id.localeCompare(b.plugin.id));
  return {
    list: () => sorted.map((entry) => toPluginInfo(entry.plugin, entry.packageName)),
    get: (id) => byId.get(id)?.plugin,
    require(id) {
      const entry = byId.get(id);
      if (entry) return entry.plugin;
      throw new PluginError('not_supported', `No plugin "${id}" is installed (installed: ${[...byId.keys()].join(', ') || 'none'})`);
    },
    problems,
  };
}
