// The shared Waymark rules, plus eslint-plugin-svelte's recommended config for Svelte 5 + TypeScript
// (the plugin README's "TypeScript project" setup), so .ts and .svelte files get the same project rules.
import { waymarkEslint } from '@waymark/config/eslint';
import { loadConfig } from '@sveltejs/load-config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

// The Svelte config lives in vite.config.ts (options of the sveltekit() plugin), not in svelte.config.js;
// the plugin README loads it like this, so the parser sees the same compiler options (runes) and kit settings.
// It holds functions (the runes option, the adapter), so `eslint --cache` and `--print-config` cannot serialize it.
const loaded = await loadConfig(import.meta.dirname, { traverse: false });
if (!loaded || !('config' in loaded)) {
  throw new Error(`eslint: could not load the Svelte config from vite.config.ts: ${String(loaded?.error)}`);
}
const svelteConfig = loaded.config;

export default waymarkEslint(
  // Build output (.svelte-kit, build) is ignored by the shared preset; test and report output here.
  { ignores: ['test-results/**', 'playwright-report/**', 'coverage/**'] },
  ...svelte.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        // Keep this consistent for TypeScript and Svelte files to avoid project reloads.
        extraFileExtensions: ['.svelte'],
      },
      globals: {
        ...globals.browser,
        // SvelteKit renders on the server too (adapter-node).
        ...globals.node,
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
);
