// Dependencies between workspace packages point one way (STYLE.md):
// config → domain → db → plugin-sdk → plugins → plugin-host → workflows → apps and tools;
// tracing (process infrastructure, no Waymark dependencies) sits beside domain.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

const layerOf = (name: string): number => {
  if (name === '@waymark/config') return 0;
  if (name === '@waymark/domain' || name === '@waymark/tracing') return 1;
  if (name === '@waymark/db') return 2;
  if (name === '@waymark/plugin-sdk') return 3;
  if (name.startsWith('@waymark/plugin-') && name !== '@waymark/plugin-host') return 4;
  if (name === '@waymark/plugin-host') return 5;
  if (name === '@waymark/workflows') return 6;
  return 7; // apps, bench, reliability: leaves nothing may depend on
};

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function workspaceManifests(): Manifest[] {
  const manifests: Manifest[] = [];
  for (const group of ['apps', 'packages', 'plugins']) {
    for (const dir of readdirSync(join(root, group))) {
      const file = join(root, group, dir, 'package.json');
      if (existsSync(file)) manifests.push(JSON.parse(readFileSync(file, 'utf8')) as Manifest);
    }
  }
  return manifests;
}

describe('package layering', () => {
  const manifests = workspaceManifests();

  it('finds the workspace packages', () => {
    expect(manifests.map((m) => m.name)).toEqual(
      expect.arrayContaining(['@waymark/api', '@waymark/db', '@waymark/domain', '@waymark/plugin-sdk']),
    );
  });

  it.each(manifests.map((m) => [m.name, m] as const))('%s depends only on lower layers', (name, manifest) => {
    const internal = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
      (dep) => dep.startsWith('@waymark/') && dep !== '@waymark/config',
    );
    const upward = internal.filter((dep) => layerOf(dep) >= layerOf(name) && layerOf(name) < 7);
    expect(upward, `${name} must not depend on ${upward.join(', ')}`).toEqual([]);
    const onLeaf = internal.filter((dep) => layerOf(dep) === 7);
    expect(onLeaf, `${name} must not depend on the app/tool packages ${onLeaf.join(', ')}`).toEqual([]);
  });

  it('the published plugin SDK depends on no private package', () => {
    const sdk = manifests.find((m) => m.name === '@waymark/plugin-sdk');
    const deps = Object.keys(sdk?.dependencies ?? {}).filter((dep) => dep.startsWith('@waymark/'));
    expect(deps).toEqual([]);
  });
});
