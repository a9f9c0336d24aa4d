import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DedicatedPostgres } from './dedicated-postgres.js';
import { startDedicatedPostgres } from './dedicated-postgres.js';

describe('dedicated PostgreSQL for restart tests', () => {
  let server: DedicatedPostgres;

  beforeAll(async () => {
    server = await startDedicatedPostgres();
  });

  afterAll(() => server?.destroy());

  it('runs on its own port, never the shared 5432', () => {
    expect(server.port).not.toBe(5432);
  });

  it('keeps every committed row through a crash restart, and refuses connections cleanly while down', async () => {
    const setup = new pg.Client({ connectionString: server.url() });
    await setup.connect();
    await setup.query('CREATE TABLE acked (n int PRIMARY KEY)');
    await setup.query('INSERT INTO acked SELECT generate_series(1, 500)');
    await setup.end();

    server.stop('immediate');
    const down = new pg.Client({ connectionString: server.url(), connectionTimeoutMillis: 2000 });
    await expect(down.connect()).rejects.toThrow(/ECONNREFUSED|connect/);
    server.start();

    const after = new pg.Client({ connectionString: server.url() });
    await after.connect();
    const { rows } = await after.query('SELECT count(*)::int AS n FROM acked');
    await after.end();
    expect(rows[0]).toEqual({ n: 500 });
  });
});
