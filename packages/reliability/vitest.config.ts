import { defineConfig } from 'vitest/config';
import { waymarkTestReporters } from '@waymark/config/vitest';

// Files run one after another: they start servers and a PostgreSQL of their own, and the machine is small.
export default defineConfig({
  test: {
    reporters: waymarkTestReporters,
    include: ['src/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
