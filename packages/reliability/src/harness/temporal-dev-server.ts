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

export async function startTemporalDevServer(): Promise<TemporalDevServer> {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-temporal-'));
  const port = await freePort();
  const uiPort = await freePort();
  const child = spawn(binaryPath(), ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--ui-port', String(uiPort),
    '--db-filename', join(dir, 'temporal.db'), '--log-level', 'error'], { stdio: 'ignore' });
  await waitForPort(port, child);
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
