#!/usr/bin/env node
// `pnpm bench [area…]`: runs the named areas (all when none), prints a table per area and writes
// packages/bench/results/<area>.json.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_AREAS } from './areas/index.js';
import { runAreas } from './harness/run.js';

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');
const adminUrl = process.env['WAYMARK_BENCH_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const failed = await runAreas(BENCH_AREAS, process.argv.slice(2), { adminUrl, resultsDir, log: (m) => console.log(m) });
process.exitCode = failed ? 1 : 0;
