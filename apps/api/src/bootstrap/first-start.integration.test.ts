import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@waymark/db/testing';
import type { TestDatabase } from '@waymark/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApiConfig } from '../config/api-config.js';
import { ensureFirstWorkspace } from './first-workspace.js';

const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// Starts node dist/main.js, waits until it listens, returns what it printed, and stops it.
async function runOnce(databaseUrl: string, env: Record<string, string> = {}): Promise<{ output: string; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', TEMPORAL_ADDRESS: '127.0.0.1:1', WAYMARK_DEMO_DATA: '0', WAYMARK_ADMIN_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const deadline = Date.now() + 60_000;
    while (!output.includes('listening')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the API did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return { output, port };
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

describe('a fresh instance (node dist/main.js, built by the test task\'s build dependency)', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run the build first (pnpm --filter @waymark/api build)`);
    test = await createTestDatabase('postgres', { migrate: false });
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('migrates, creates the first workspace and prints its admin token once, stored only as a hash', async () => {
    const first = await runOnce(test.databaseUrl!);
    const token = /\n {2}(wmk_[A-Za-z0-9_-]+)\n/.exec(first.output)?.[1];
    expect(token, first.output).toBeDefined();
    const second = await runOnce(test.databaseUrl!);
    expect(second.output).not.toContain('wmk_');
    const rows = await test.db.query<{ role: string }>('SELECT role::text AS role FROM api_tokens');
    expect(rows).toEqual([{ role: 'ADMIN' }]);
    const hashes = await test.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(hashes[0]!.token_hash).not.toContain(token!);
  });

  it('registers WAYMARK_ADMIN_TOKEN when given instead of printing one', async () => {
    const chosen = 'wmk_chosen-admin-token-for-tests-123456';
    const run = await runOnce(test.databaseUrl!, { WAYMARK_ADMIN_TOKEN: chosen });
    expect(run.output).not.toContain(chosen);
    const rows = await test.db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens');
    expect(rows[0]!.n).toBe(2);
  });
});

describe('the demo workspace of a first start (WAYMARK_DEMO_DATA=1)', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('holds six months of events that end at the start, not on a fixed date', async () => {
    const before = Date.now();
    const config = readApiConfig({ NODE_ENV: 'test', WAYMARK_DEMO_DATA: '1', WAYMARK_DEMO_SCALE: '0.01', WAYMARK_ADMIN_TOKEN: '' });
    const { workspaceId, demoSeeded } = await ensureFirstWorkspace(test.db, config);
    expect(demoSeeded).toBe(true);
    // A second start finds the workspace: nothing seeded, no first runs started again.
    expect(await ensureFirstWorkspace(test.db, config)).toMatchObject({ workspaceId, demoSeeded: false });
    const [span] = await test.db.query<{ first: Date; last: Date }>('SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM events WHERE workspace_id = $1::uuid', [workspaceId]);
    const day = 86_400_000;
    expect(new Date(span!.last).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(span!.last).getTime()).toBeGreaterThan(before - 3 * day);
    expect(new Date(span!.first).getTime()).toBeLessThan(before - 150 * day);
  });
});
