#!/usr/bin/env node
// Workspace backup and restore from the command line (DATABASE_URL names the database):
//   node packages/db/dist/backup/cli.js export <workspace-id> <empty-dir>
//   node packages/db/dist/backup/cli.js import <dir>
import pg from 'pg';
import { BackupError } from './backup-error.js';
import { exportWorkspace } from './export-workspace.js';
import { importWorkspace } from './import-workspace.js';

const USAGE = 'usage: backup/cli.js export <workspace-id> <empty-dir> | import <dir>   (DATABASE_URL must be set)';

async function main(argv: string[]): Promise<string> {
  const [command, ...args] = argv;
  const url = process.env.DATABASE_URL;
  if (!url) throw new BackupError('INVALID_ARGUMENT', `DATABASE_URL is not set. ${USAGE}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (command === 'export' && args.length === 2 && args[0] && args[1]) {
      const manifest = await exportWorkspace(client, args[0], args[1]);
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      return `exported workspace "${manifest.workspace.name}" (${manifest.workspace.id}): ${manifest.tables.length} tables, ${rows} rows → ${args[1]}`;
    }
    if (command === 'import' && args.length === 1 && args[0]) {
      const summary = await importWorkspace(client, args[0]);
      const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
      return `imported workspace ${summary.workspaceId}: ${summary.tables.length} tables, ${rows} rows`;
    }
    throw new BackupError('INVALID_ARGUMENT', USAGE);
  } finally {
    await client.end();
  }
}

main(process.argv.slice(2)).then(
  (message) => console.log(message),
  (error: unknown) => {
    console.error(error instanceof BackupError ? `✖ ${error.code}: ${error.message}` : error);
    process.exitCode = 1;
  },
);
