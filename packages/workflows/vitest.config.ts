import { defineConfig } from 'vitest/config';
import { waymarkTestReporters } from '@waymark/config/vitest';

export default defineConfig({
  test: {
    reporters: waymarkTestReporters,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts a Temporal dev server and bundles the workflows: one at a time on small machines.
    fileParallelism: false,
  },
});
