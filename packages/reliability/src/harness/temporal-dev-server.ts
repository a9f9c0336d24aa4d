import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export interface TemporalDevServer {
  address: string;
  stop: () => Promise<void>;
}

// The Temporal CLI dev server built by infra/temporal/temporal-binary.mjs (npm test builds it first).
function binaryPath(): string {
  const binary = process.env.WAYMARK_TEMPORAL_BIN ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'waymark', 'temporal-1.5.1', 'temporal');
  if (!existsSync(binary)) throw new Error(`no Temporal dev server at ${binary}: run "node infra/temporal/temporal-binary.mjs" or set WAYMARK_TEMPORAL_BIN`);
  return binary;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Temporal dev server exited (${child.exitCode})`);
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the Temporal dev server did not open port ${port} within ${timeoutMs / 1000}s`);
}

// Ports are picked free but only claimed when the server binds them, so another process (or the
// server's own extra ports) can take one first; the server then exits at start and a retry with
// fresh ports is the fix. Its last stderr lines go into the error if every attempt fails.
const START_ATTEMPTS = 3;

async function startOnce(dir: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const uiPort = await freePort();
  const child = spawn(binaryPath(), ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--ui-port', String(uiPort),
    '--db-filename', join(dir, 'temporal.db'), '--log-level', 'error'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  try {
    await waitForPort(port, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}${stderr ? `: ${stderr.trim()}` : ''}`);
  }
  return { child, port };
}

async function startWithRetries(dir: string): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(dir);
    } catch (error) {
      if (attempt >= START_ATTEMPTS) throw error;
      rmSync(join(dir, 'temporal.db'), { force: true });
    }
  }
}

export async function startTemporalDevServer(): Promise<TemporalDevServer> {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-temporal-'));
  const { child, port } = await startWithRetries(dir);
  return {
    address: `127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
