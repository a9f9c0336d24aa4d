#!/usr/bin/env node
// create-waymark-plugin <name> --category <category> [--dir plugins] [--package-name <npm name>] [--display-name <name>]
import { parseArgs } from 'node:util';
import { PLUGIN_CATEGORIES } from '../contract.js';
import { scaffoldPlugin } from './scaffold.js';

const USAGE = `Usage: create-waymark-plugin <name> --category <${PLUGIN_CATEGORIES.join('|')}> [--dir plugins] [--package-name <npm name>] [--display-name <name>]`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      category: { type: 'string', short: 'c' },
      dir: { type: 'string', default: 'plugins' },
      'package-name': { type: 'string' },
      'display-name': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const name = positionals[0];
  const category = PLUGIN_CATEGORIES.find((known) => known === values.category);
  if (values.help || name === undefined || category === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const result = await scaffoldPlugin({
    name,
    category,
    dir: values.dir,
    // pnpm --filter runs scripts inside the package: resolve --dir from where the user typed it.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    ...(values['package-name'] ? { packageName: values['package-name'] } : {}),
    ...(values['display-name'] ? { displayName: values['display-name'] } : {}),
  });
  process.stdout.write(`Created ${result.packageName} in ${result.packageDir}\n`);
  for (const file of result.files) process.stdout.write(`  ${file}\n`);
  if (result.changeset) process.stdout.write(`  changeset: ${result.changeset}\n`);
  process.stdout.write(`Next: ${result.inWorkspace ? 'pnpm install, then ' : 'npm install, then '}run the tests in the new package.\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`create-waymark-plugin: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
