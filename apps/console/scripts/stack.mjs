// Starts the real stack for the e2e run and the console bench: a fresh PostgreSQL database, a
// Temporal dev server, the API (migrates and seeds the demo workspace), the worker and the built
// console, each on a free port. Logs go to test-results/e2e-logs/.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@waymark/db/testing';

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(app, '../..');
const logs = join(app, 'test-results/e2e-logs');
const children = [];
let stopping = false;

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function launch(name, command, args, env) {
  const log = createWriteStream(join(logs, `${name}.log`));
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`e2e: ${name} exited early (${signal ?? code}); see ${join(logs, `${name}.log`)}`);
  });
  children.push({ name, child });
  return child;
}

async function waitUntil(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (children.some(({ child }) => child.exitCode !== null)) throw new Error(`a process exited while waiting for ${what}`);
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 400));
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000}s; see ${logs}`);
}

const httpOk = (url) => () => fetch(url).then((r) => r.ok, () => false);
const portOpen = (port) => () =>
  new Promise((done) => {
    const socket = connect(port, '127.0.0.1', () => { socket.end(); done(true); });
    socket.on('error', () => done(false));
  });

function requireBuilt(path, filter) {
  if (!existsSync(join(root, path))) {
    throw new Error(`${path} is missing: build it first with \`pnpm turbo run build --filter=${filter}...\``);
  }
}

async function stopAll() {
  stopping = true;
  for (const { child } of children.reverse()) {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  await Promise.all(children.map(({ child }) => child.exitCode !== null ? null : new Promise((r) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); r(null); }, 8000);
    child.once('exit', () => { clearTimeout(timer); r(null); });
  })));
}

async function startProcesses(database, scratch) {
  const [temporalPort, apiPort, workerPort, consolePort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const { ensureTemporalBinary } = await import(join(root, 'infra/temporal/temporal-binary.mjs'));
  const temporal = ensureTemporalBinary();
  if (!temporal) throw new Error('No Temporal dev server binary: set WAYMARK_TEMPORAL_BIN or install Go to build one.');
  launch('temporal', temporal, ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(temporalPort),
    '--db-filename', join(scratch, 'temporal.db'), '--log-level', 'error'], {});
  await waitUntil('Temporal', portOpen(temporalPort), 60_000);

  const adminToken = `wmk_e2e_${randomBytes(18).toString('base64url')}`;
  const shared = {
    DATABASE_URL: database.databaseUrl, TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    WAYMARK_ADMIN_TOKEN: adminToken, WAYMARK_SECRETS_KEY: randomBytes(32).toString('base64'),
  };
  launch('api', process.execPath, [join(root, 'apps/api/dist/main.js')], { ...shared, PORT: String(apiPort), WAYMARK_DEMO_DATA: '1' });
  await waitUntil('API', httpOk(`http://127.0.0.1:${apiPort}/health`), 240_000);
  // A free HTTP port (another stack, the console bench's or `npm start`, may hold the default), and the
  // specs start once the worker polls: the first start's runs are waiting for it.
  launch('worker', process.execPath, [join(root, 'apps/worker/dist/main.js')], { ...shared, HOST: '127.0.0.1', WAYMARK_WORKER_PORT: String(workerPort) });
  await waitUntil('worker', httpOk(`http://127.0.0.1:${workerPort}/ready`), 120_000);

  const baseUrl = `http://127.0.0.1:${consolePort}`;
  launch('console', process.execPath, [join(app, 'build/index.js')], {
    PORT: String(consolePort), HOST: '127.0.0.1', ORIGIN: baseUrl, WAYMARK_API_URL: `http://127.0.0.1:${apiPort}/graphql`,
  });
  await waitUntil('console', httpOk(`${baseUrl}/sign-in`), 30_000);
  return { baseUrl, adminToken, apiUrl: `http://127.0.0.1:${apiPort}/graphql` };
}

// Returns the URLs and admin token, and stop() which ends every process and drops the database.
export async function startStack() {
  requireBuilt('apps/api/dist/main.js', '@waymark/api');
  requireBuilt('apps/worker/dist/main.js', '@waymark/worker');
  requireBuilt('apps/console/build/index.js', '@waymark/console');
  mkdirSync(logs, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'waymark-e2e-'));
  const database = await createTestDatabase('postgres', { migrate: false });
  const stop = async () => {
    await stopAll();
    await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    return { ...(await startProcesses(database, scratch)), root, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
