import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDb } from '../client/create-db.js';
import type { Db } from '../client/db.js';
import { serveEmbedded } from './serve-embedded.js';
import type { EmbeddedServer } from './serve-embedded.js';

describe('embedded PostgreSQL server (PGlite over the wire protocol)', () => {
  let dir: string;
  let server: EmbeddedServer;
  let api: Db;
  let worker: Db;
  let workspaceId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'waymark-embedded-'));
    server = await serveEmbedded({ dataDir: join(dir, 'pgdata'), port: 0 });
    api = await createPostgresDb(server.url, 3);
    worker = await createPostgresDb(server.url, 3);
    workspaceId = (await api.prisma.workspace.create({ data: { name: 'Embedded' } })).id;
  });
  afterAll(async () => {
    await api.close();
    await worker.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a migrated database', async () => {
    const rows = await api.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    expect(rows[0]?.n).toBeGreaterThanOrEqual(2);
  });

  it('keeps concurrent statements of two pooled clients apart', async () => {
    const jobs: Array<Promise<void>> = [];
    for (let i = 0; i < 120; i += 1) {
      const db = i % 2 === 0 ? api : worker;
      jobs.push(db.query<{ n: number; s: string }>('SELECT $1::int AS n, $2::text AS s', [i, `v${i}`]).then((rows) => {
        expect(rows[0]).toEqual({ n: i, s: `v${i}` });
      }));
      jobs.push(db.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } }).then((w) => {
        expect(w.name).toBe('Embedded');
      }));
    }
    await Promise.all(jobs);
    expect(server.connections()).toBeGreaterThanOrEqual(2);
  });

  it('isolates a transaction from the other clients until it commits', async () => {
    const insertJourney = 'INSERT INTO journeys (id, workspace_id, name, updated_at) VALUES (gen_random_uuid(), $1, $2, now())';
    const results = await Promise.all([
      api.transaction(async (tx) => {
        await tx.query(insertJourney, [workspaceId, 'in-tx']);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return tx.query<{ n: number }>("SELECT count(*)::int AS n FROM journeys WHERE name = 'in-tx'");
      }),
      worker.prisma.$transaction(async (tx) => {
        await tx.journey.create({ data: { workspaceId, name: 'prisma-tx' } });
        return tx.journey.count({ where: { name: 'prisma-tx' } });
      }),
      worker.transaction(async (tx) => {
        await tx.query(insertJourney, [workspaceId, 'rolled-back']);
        throw new Error('abort');
      }).catch((error: unknown) => (error instanceof Error ? error.message : 'unexpected')),
    ]);
    expect(results).toEqual([[{ n: 1 }], 1, 'abort']);
    const names = await api.query<{ name: string }>('SELECT name FROM journeys ORDER BY name');
    expect(names.map((r) => r.name)).toEqual(['in-tx', 'prisma-tx']);
  });

  it('rolls back the transaction of a client that disconnects inside it', async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query("INSERT INTO journeys (id, workspace_id, name, updated_at) VALUES (gen_random_uuid(), $1, 'orphan', now())", [workspaceId]);
    client.end().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rows = await worker.query<{ n: number }>("SELECT count(*)::int AS n FROM journeys WHERE name = 'orphan'");
    expect(rows[0]?.n).toBe(0);
  });

  it('keeps the data in the folder across restarts', async () => {
    await api.close();
    await worker.close();
    await server.close();
    server = await serveEmbedded({ dataDir: join(dir, 'pgdata'), port: 0 });
    api = await createPostgresDb(server.url, 2);
    worker = await createPostgresDb(server.url, 2);
    expect((await api.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).name).toBe('Embedded');
  });
});
