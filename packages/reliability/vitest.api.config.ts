import { defineConfig } from 'vitest/config';
import { waymarkTestReporters } from '@waymark/config/vitest';

// The reliability suites that drive the real API process (node apps/api/dist/main.js), one file at a time.
export default defineConfig({
  test: {
    reporters: waymarkTestReporters,
    include: ['src/**/*.reliability.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
