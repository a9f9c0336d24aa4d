import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, printSdl } from './build-schema.js';

// Writes apps/api/schema.graphql (run by the build; a test fails when the committed file drifts).
const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
writeFileSync(target, printSdl(await buildSchema()));
process.stdout.write(`wrote ${target}\n`);
