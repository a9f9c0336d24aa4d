import { defineConfig } from 'vitest/config';
import { waymarkTestReporters } from '@waymark/config/vitest';

// Every suite that drives the real API process (node apps/api/dist/main.js), one file at a time.
export default defineConfig({
  test: {
    reporters: waymarkTestReporters,
    include: ['src/api/**/*.test.ts', 'src/corpus/malformed-input.integration.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
