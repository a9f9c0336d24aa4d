import { defineConfig } from 'vitest/config';
import { waymarkTestReporters } from './vitest.preset.js';

export default defineConfig({ test: { reporters: waymarkTestReporters } });
