import { defineConfig } from 'vitest/config';
import { waymarkTestReporters } from '@waymark/config/vitest';

export default defineConfig({
  test: {
    reporters: waymarkTestReporters,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
