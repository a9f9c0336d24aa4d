import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pluginDefinitionProblems } from '@waymark/plugin-sdk';
import type { PluginDefinition } from '@waymark/plugin-sdk';

/** Plugins shipped with Waymark, loaded as workspace dependencies of this package. */
export const BUNDLED_PLUGIN_PACKAGES = [
  '@waymark/plugin-file-import',
  '@waymark/plugin-crm-hubspot',
  '@waymark/plugin-social-mastodon',
  '@waymark/plugin-booking-ical',
  '@waymark/plugin-survey-webhook',
] as const;

/** A plugin found and validated. */
export interface DiscoveredPlugin {
  plugin: PluginDefinition;
  packageName: string;
}

/** A package that should have been a plugin but could not be used, and why. */
export interface DiscoveryProblem {
  packageName: string;
  reason: string;
}

export interface DiscoveryResult {
  plugins: DiscoveredPlugin[];
  problems: DiscoveryProblem[];
}

type Importer = (specifier: string) => Promise<unknown>;

/** Imports a package by specifier or file URL and checks its `plugin` export. */
export async function loadPluginModule(packageName: string, specifier: string, importer: Importer): Promise<DiscoveredPlugin | DiscoveryProblem> {
  let module: unknown;
  try {
    module = await importer(specifier);
  } catch (error) {
    return { packageName, reason: `cannot be imported: ${error instanceof Error ? error.message : String(error)}` };
  }
  const exported: unknown = typeof module === 'object' && module !== null ? Reflect.get(module, 'plugin') : undefined;
  if (exported === undefined) return { packageName, reason: 'has no named export "plugin"' };
  const problems = pluginDefinitionProblems(exported);
  if (problems.length > 0 || !isDefinition(exported)) return { packageName, reason: `exports an invalid plugin: ${problems.join('; ')}` };
  return { plugin: exported, packageName };
}

// The SDK's guard, re-expressed as a type predicate over the problems already computed.
function isDefinition(value: unknown): value is PluginDefinition {
  return pluginDefinitionProblems(value).length === 0;
}

/**
 * Finds the packages among the app's dependencies whose package.json declares
 * `"waymark": { "role": "plugin" }` (Backstage-style role metadata), and loads them.
 */
export async function discoverInstalledPlugins(appDir: string, skip: ReadonlySet<string>): Promise<DiscoveryResult> {
  const result: DiscoveryResult = { plugins: [], problems: [] };
  const appManifest = await readJson(join(appDir, 'package.json'));
  const names = Object.keys({ ...record(appManifest, 'dependencies'), ...record(appManifest, 'optionalDependencies') });
  for (const name of names.filter((candidate) => !skip.has(candidate))) {
    const dir = await findPackageDir(appDir, name);
    if (dir === undefined) continue;
    const manifest = await readJson(join(dir, 'package.json'));
    if (field(field(manifest, 'waymark'), 'role') !== 'plugin') continue;
    const entry = entryOf(manifest);
    if (entry === undefined) {
      result.problems.push({ packageName: name, reason: 'declares the plugin role but has no "exports" or "main" entry' });
      continue;
    }
    const loaded = await loadPluginModule(name, pathToFileURL(join(dir, entry)).href, (specifier) => import(specifier));
    if ('plugin' in loaded) result.plugins.push(loaded);
    else result.problems.push(loaded);
  }
  return result;
}

async function findPackageDir(fromDir: string, name: string): Promise<string | undefined> {
  let dir = resolve(fromDir);
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if ((await readJson(join(candidate, 'package.json'))) !== undefined) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function entryOf(manifest: unknown): string | undefined {
  const exportsField = field(manifest, 'exports');
  const root = typeof exportsField === 'object' && exportsField !== null && '.' in exportsField ? field(exportsField, '.') : exportsField;
  if (typeof root === 'string') return root;
  if (typeof root === 'object' && root !== null) {
    for (const condition of ['import', 'node', 'default']) {
      const target = field(root, condition);
      if (typeof target === 'string') return target;
    }
  }
  const main = field(manifest, 'main');
  return typeof main === 'string' ? main : undefined;
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && Reflect.get(error, 'code') === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text);
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

function record(value: unknown, key: string): object {
  const found = field(value, key);
  return typeof found === 'object' && found !== null ? found : {};
}
