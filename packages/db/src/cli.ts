#!/usr/bin/env node
// Data-layer commands:
//   node packages/db/dist/cli.js migrate          apply pending migrations (DATABASE_URL, else the PGlite data dir)
//   node packages/db/dist/cli.js serve-embedded   PGlite at WAYMARK_DATA_DIR over the Postgres protocol
//                                                 on 127.0.0.1:WAYMARK_EMBEDDED_PG_PORT (default 54329)
//   node packages/db/dist/cli.js rotate-secrets   re-encrypt integration secrets and webhook targets under WAYMARK_SECRETS_KEY
//                                                 (old key in WAYMARK_SECRETS_KEY_PREVIOUS)
import { createDb } from './client/create-db.js';
import { DbError } from './client/db.js';
import { migrate } from './migrate/migrate.js';
import { serveEmbedded } from './embedded/serve-embedded.js';
import { reencryptAllSecrets } from './secrets/rotate-secrets.js';
import { keyringFromEnv } from './secrets/secrets.js';

const USAGE = 'usage: cli.js migrate | serve-embedded | rotate-secrets';

async function runMigrate(): Promise<void> {
  const db = await createDb();
  try {
    const result = await migrate(db, { log: (line) => console.log(line) });
    console.log(`${db.kind}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied.length} already applied`);
  } finally {
    await db.close();
  }
}

async function rotateSecrets(): Promise<void> {
  const keyring = keyringFromEnv();
  const db = await createDb();
  try {
    const result = await reencryptAllSecrets(db, keyring);
    console.log(`secrets of ${result.reencrypted} integration(s) re-encrypted under key ${keyring.current.id}; ${result.alreadyCurrent} already current`);
  } finally {
    await db.close();
  }
}

async function main(command: string | undefined): Promise<void> {
  if (command === 'migrate') return runMigrate();
  if (command === 'rotate-secrets') return rotateSecrets();
  if (command === 'serve-embedded') {
    const server = await serveEmbedded({ log: (line) => console.log(line) });
    const stop = (): void => {
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return;
  }
  throw new DbError('INVALID_CONFIG', USAGE);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof DbError ? `✖ ${error.code}: ${error.message}` : error);
  process.exitCode = 1;
});
