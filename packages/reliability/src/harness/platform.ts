import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const apiMain = resolve(repoRoot, 'apps/api/dist/main.js');
const dbCli = resolve(repoRoot, 'packages/db/dist/cli.js');

export interface RunningApi {
  url: string;
  adminToken: string;
  /** Everything the process printed, for assertions and failure messages. */
  output: () => string;
  exited: () => boolean;
  /** SIGTERM, then the exit code (null when it had to be killed after the grace period). */
  stop: (graceMs?: number) => Promise<number | null>;
}

function requireBuilt(file: string, what: string): void {
  if (!existsSync(file)) throw new Error(`${what} is not built (${file} is missing): run "pnpm turbo run build" first`);
}

export function migrate(databaseUrl: string): void {
  requireBuilt(dbCli, 'the db CLI');
  execFileSync(process.execPath, [dbCli, 'migrate'], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}) before answering /health:\n${output()}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet: poll again until the deadline
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API did not answer /health within ${timeoutMs / 1000}s:\n${output()}`);
}

// The real API process (node apps/api/dist/main.js) on a free port against the given database.
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningApi> {
  requireBuilt(apiMain, 'the API');
  const port = await freePort();
  const adminToken = `wmk_${randomBytes(24).toString('base64url')}`;
  const child = spawn(process.execPath, [apiMain], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      WAYMARK_ADMIN_TOKEN: adminToken,
      WAYMARK_SECRETS_KEY: randomBytes(32).toString('base64'),
      WAYMARK_DEMO_DATA: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const output = () => log;
  await waitForHealth(url, child, output);
  return {
    url,
    adminToken,
    output,
    exited: () => child.exitCode !== null,
    stop: async (graceMs = 30_000) => {
      if (child.exitCode !== null) return child.exitCode;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([done, new Promise((r) => setTimeout(r, graceMs))]);
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGKILL');
      return null;
    },
  };
}
