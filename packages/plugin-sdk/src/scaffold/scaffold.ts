import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { PLUGIN_CATEGORIES } from '../contract.js';
import type { PluginCategory } from '../contract.js';
import * as templates from './templates.js';
import type { TemplateInput } from './templates.js';

/** Options of {@link scaffoldPlugin}. */
export interface ScaffoldOptions {
  /** Plugin id and folder name, kebab-case, e.g. `crm-acme`. */
  name: string;
  category: PluginCategory;
  /** Parent folder of the new package. Default `plugins`. */
  dir?: string;
  /** Working directory `dir` is relative to. Default `process.cwd()`. */
  cwd?: string;
  /** npm package name. Default `@waymark/plugin-<name>` in the monorepo, `waymark-plugin-<name>` outside. */
  packageName?: string;
  /** Display name. Default derived from `name` (`crm-acme` → `Crm Acme`). */
  displayName?: string;
}

/** What {@link scaffoldPlugin} wrote. */
export interface ScaffoldResult {
  packageDir: string;
  packageName: string;
  files: string[];
  /** Changeset file written at the workspace root, if inside a workspace. */
  changeset?: string;
  inWorkspace: boolean;
}

const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Creates a new plugin package: package.json with the plugin role, `src/plugin.ts`,
 * `src/streams/`, recorded `fixtures/`, a unit test and a contract test using the test kit,
 * README, and (inside a workspace) a changeset for its first release.
 *
 * @throws Error when the name or category is invalid or the folder already exists.
 */
export async function scaffoldPlugin(options: ScaffoldOptions): Promise<ScaffoldResult> {
  if (!NAME_PATTERN.test(options.name)) throw new Error(`Plugin name "${options.name}" must be kebab-case, e.g. "crm-acme"`);
  if (!PLUGIN_CATEGORIES.some((category) => category === options.category)) {
    throw new Error(`Category "${options.category}" is not one of ${PLUGIN_CATEGORIES.join(', ')}`);
  }
  const parent = resolve(options.cwd ?? process.cwd(), options.dir ?? 'plugins');
  const packageDir = join(parent, options.name);
  if (existsSync(packageDir) && (await readdir(packageDir)).length > 0) throw new Error(`${packageDir} already exists and is not empty`);
  const workspaceRoot = findWorkspaceRoot(parent);
  const input: TemplateInput = {
    id: options.name,
    packageName: options.packageName ?? (workspaceRoot ? `@waymark/plugin-${options.name}` : `waymark-plugin-${options.name}`),
    displayName: options.displayName ?? titleCase(options.name),
    category: options.category,
    inWorkspace: workspaceRoot !== undefined,
    sdkRange: `^${await sdkVersion()}`,
  };
  const files = filesFor(input);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(packageDir, path)), { recursive: true });
    await writeFile(join(packageDir, path), content, { flag: 'wx' });
  }
  const result: ScaffoldResult = { packageDir, packageName: input.packageName, files: Object.keys(files), inWorkspace: input.inWorkspace };
  if (workspaceRoot) result.changeset = await writeChangeset(workspaceRoot, input);
  return result;
}

function filesFor(input: TemplateInput): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': templates.packageJson(input),
    'tsconfig.json': templates.tsconfig(input),
    'tsconfig.build.json': templates.tsconfigBuild(),
    'vitest.config.ts': templates.vitestConfig(input),
    'README.md': templates.readme(input),
    'src/index.ts': templates.indexTs(),
    'src/config.ts': templates.configTs(),
    'src/plugin.ts': templates.pluginTs(input),
    'src/version.ts': templates.versionTs(input),
    'src/streams/items.ts': templates.streamTs(),
    'src/plugin.unit.test.ts': templates.unitTest(input),
    'src/plugin.integration.test.ts': templates.contractTest(input),
  };
  if (input.inWorkspace) files['eslint.config.js'] = templates.eslintConfig();
  for (const [name, content] of Object.entries(templates.fixtureFiles())) files[`fixtures/${name}`] = content;
  return files;
}

async function writeChangeset(root: string, input: TemplateInput): Promise<string> {
  const path = join(root, '.changeset', `${input.id}-initial-release.md`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, templates.changeset(input), { flag: 'wx' });
  return relative(root, path);
}

function findWorkspaceRoot(from: string): string | undefined {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function sdkVersion(): Promise<string> {
  const manifest: unknown = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
  const version: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'version') : undefined;
  if (typeof version !== 'string') throw new Error('@waymark/plugin-sdk package.json has no version');
  return version;
}

function titleCase(name: string): string {
  return name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join(' ');
}
