import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, printSdl } from './build-schema.js';

// Writes apps/api/schema.graphql from the resolvers. In CI (or with --check) it only compares and
// fails when the committed file drifted, so a stale schema cannot be regenerated away silently.
const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
const sdl = printSdl(await buildSchema());
const check = process.argv.includes('--check') || process.env.CI === 'true';
if (check) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== sdl) {
    process.stderr.write(`${target} differs from the schema the resolvers build: run \`pnpm --filter @waymark/api build\` locally and commit it.\n`);
    process.exit(1);
  }
  process.stdout.write(`${target} is up to date\n`);
} else {
  writeFileSync(target, sdl);
  process.stdout.write(`wrote ${target}\n`);
}
