import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The reliability suites that drive the real API process (node apps/api/dist/main.js).
export default mergeConfig(base, defineConfig({ test: { include: ['src/**/*.reliability.test.ts'], exclude: ['**/node_modules/**'] } }));
