import { readFileSync } from 'node:fs';

// The package.json version is the single source (changesets bumps it); src/ and dist/ are both
// one level below the package root.
export function packageVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const version: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'version') : undefined;
  if (typeof version !== 'string') throw new Error('@waymark/plugin-file-import: package.json has no version');
  return version;
}
