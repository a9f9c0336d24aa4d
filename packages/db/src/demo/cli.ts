#!/usr/bin/env node
// Seeds the demo resort into DATABASE_URL (else the embedded PGlite data dir), migrating first:
//   node packages/db/dist/demo/cli.js [--scale 1] [--seed 42] [--workspace <uuid>] [--now <ISO date>]
import { parseArgs } from 'node:util';
import { createDb } from '../client/create-db.js';
import { migrate } from '../migrate/migrate.js';
import { seedDemoWorkspace } from './seed.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '42' }, workspace: { type: 'string' }, now: { type: 'string' } },
});

async function main(): Promise<void> {
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (!(scale > 0) || !Number.isInteger(seed)) throw new Error('--scale must be a positive number and --seed an integer');
  const db = await createDb();
  try {
    await migrate(db);
    const started = Date.now();
    const demo = await seedDemoWorkspace(db, {
      scale,
      seed,
      ...(values.workspace === undefined ? {} : { workspaceId: values.workspace }),
      ...(values.now === undefined ? {} : { now: new Date(values.now) }),
      onProgress: ({ events }) => process.stdout.write(`\r${events} events`),
    });
    console.log(`\nworkspace ${demo.workspaceId}: ${demo.customers} customers, ${demo.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `✖ ${error.message}` : error);
  process.exitCode = 1;
});
