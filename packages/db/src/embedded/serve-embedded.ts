import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDb } from '../client/create-db.js';
import { migrate } from '../migrate/migrate.js';
import { serveWire } from './wire-server.js';
import type { WireServer } from './wire-server.js';

export interface ServeEmbeddedOptions {
  dataDir?: string;
  port?: number;
  host?: string;
  log?: (line: string) => void;
}

export interface EmbeddedServer extends WireServer {
  url: string;
}

// Opens (and migrates) the PGlite data folder and serves it on 127.0.0.1 so the API and worker
// processes share it through ordinary postgresql:// URLs.
export async function serveEmbedded(options: ServeEmbeddedOptions = {}): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir ?? process.env.WAYMARK_DATA_DIR ?? resolve('.waymark/pgdata');
  const port = options.port ?? Number(process.env.WAYMARK_EMBEDDED_PG_PORT ?? 54329);
  mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  const db = pgliteDb(pglite);
  const result = await migrate(db, { log });
  log(`embedded PostgreSQL (PGlite) at ${dataDir}: ${result.applied.length} migration(s) applied`);
  await db.prisma.$disconnect();
  const wire = await serveWire(pglite, { host: options.host ?? '127.0.0.1', port });
  const url = `postgresql://postgres:postgres@127.0.0.1:${wire.port}/postgres?sslmode=disable`;
  log(`embedded PostgreSQL listening on 127.0.0.1:${wire.port}`);
  return {
    ...wire,
    url,
    close: async () => {
      await wire.close();
      await pglite.close();
    },
  };
}
