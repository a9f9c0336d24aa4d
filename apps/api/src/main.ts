import { createDb, migrate } from '@waymark/db';
import { ensureFirstWorkspace } from './bootstrap/first-workspace.js';
import { startApp } from './bootstrap/create-app.js';
import { readApiConfig } from './config/api-config.js';

async function main(): Promise<void> {
  const config = readApiConfig();
  const db = await createDb();
  await migrate(db);
  const first = await ensureFirstWorkspace(db, config);
  if (first.generatedToken) {
    // Shown once: only its hash is stored.
    process.stdout.write(`\nWaymark admin token for the first workspace (${first.workspaceId}), shown once:\n  ${first.generatedToken}\n\n`);
  }
  const running = await startApp({ db, config });
  process.stdout.write(`Waymark API listening on ${running.url}/graphql\n`);
  const stop = async (): Promise<void> => {
    await running.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`Waymark API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
