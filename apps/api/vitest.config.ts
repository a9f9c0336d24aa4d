import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { waymarkTestReporters } from '@waymark/config/vitest';

const require = createRequire(import.meta.url);

export default defineConfig({
  // Nest (CommonJS) loads graphql's CJS build; our sources must share it, or instanceof checks on
  // scalars and errors fail (graphql's dual-package hazard under Vite's `module` resolution).
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    reporters: waymarkTestReporters,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
