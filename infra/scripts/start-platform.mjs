#!/usr/bin/env node
// Embedded default: PGlite behind a local Postgres socket, a Temporal dev server, API, worker and
// console as separate processes, data kept in .waymark/. TEMPORAL_ADDRESS / DATABASE_URL set means
// "use that service and start nothing for it".
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = resolve(process.env.WAYMARK_DATA_DIR ?? join(root, '.waymark'));
const ports = {
  postgres: Number(process.env.WAYMARK_EMBEDDED_PG_PORT ?? 54329),
  temporal: Number(process.env.WAYMARK_TEMPORAL_PORT ?? 7233),
  temporalUi: Number(process.env.WAYMARK_TEMPORAL_UI_PORT ?? 8233),
  api: Number(process.env.WAYMARK_API_PORT ?? 4000),
  worker: Number(process.env.WAYMARK_WORKER_PORT ?? 4100),
  console: Number(process.env.WAYMARK_CONSOLE_PORT ?? 3000),
};
const children = [];

function launch(name, command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  const forward = (stream, out) =>
    stream.on('data', (chunk) => out.write(chunk.toString().replace(/^(?=.)/gm, prefix)));
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    console.error(`${prefix}exited (${signal ?? code}); stopping Waymark.`);
    shutdown(1);
  });
  children.push(child);
  return child;
}

async function waitFor(what, url, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet: keep polling until the deadline
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not become ready at ${url} within ${timeoutMs / 1000}s`);
}

async function waitForPort(what, port, timeoutMs = 120_000) {
  const net = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((done) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); done(true); });
      socket.on('error', () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not open port ${port} within ${timeoutMs / 1000}s`);
}

// The embedded default keeps its secrets-at-rest key beside the data; production passes WAYMARK_SECRETS_KEY.
function secretsKey() {
  if (process.env.WAYMARK_SECRETS_KEY) return process.env.WAYMARK_SECRETS_KEY;
  const file = join(dataDir, 'secrets-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

function adminToken() {
  if (process.env.WAYMARK_ADMIN_TOKEN) return process.env.WAYMARK_ADMIN_TOKEN;
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = `wmk_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

async function startDatabase() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  launch('postgres', process.execPath, [join(root, 'packages/db/dist/cli.js'), 'serve-embedded'], {
    WAYMARK_DATA_DIR: join(dataDir, 'pgdata'),
    WAYMARK_EMBEDDED_PG_PORT: String(ports.postgres),
  });
  await waitForPort('Embedded PostgreSQL (PGlite)', ports.postgres);
  return `postgresql://postgres:postgres@127.0.0.1:${ports.postgres}/postgres?sslmode=disable`;
}

async function startTemporal() {
  if (process.env.TEMPORAL_ADDRESS) return process.env.TEMPORAL_ADDRESS;
  const binary = process.env.WAYMARK_TEMPORAL_BIN;
  if (!binary) {
    const { TestWorkflowEnvironment } = await import(join(root, 'apps/worker/node_modules/@temporalio/testing/lib/index.js'));
    const env = await TestWorkflowEnvironment.createLocal({ server: { ip: '127.0.0.1', port: ports.temporal } });
    children.push({ kill: () => env.teardown() });
    return `127.0.0.1:${ports.temporal}`;
  }
  launch('temporal', binary, [
    'server', 'start-dev', '--ip', '127.0.0.1', '--port', String(ports.temporal),
    '--ui-port', String(ports.temporalUi), '--db-filename', join(dataDir, 'temporal.db'), '--log-level', 'error',
  ]);
  await waitForPort('Temporal dev server', ports.temporal);
  return `127.0.0.1:${ports.temporal}`;
}

// The ports this start will listen on, by the variable that sets each (services given by URL start nothing).
function portsToOpen() {
  const wanted = [
    ['WAYMARK_API_PORT', ports.api], ['WAYMARK_WORKER_PORT', ports.worker], ['WAYMARK_CONSOLE_PORT', ports.console],
  ];
  if (!process.env.DATABASE_URL) wanted.push(['WAYMARK_EMBEDDED_PG_PORT', ports.postgres]);
  if (!process.env.TEMPORAL_ADDRESS) wanted.push(['WAYMARK_TEMPORAL_PORT', ports.temporal], ['WAYMARK_TEMPORAL_UI_PORT', ports.temporalUi]);
  return wanted;
}

function portFree(port) {
  return import('node:net').then(({ createServer }) => new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '0.0.0.0', () => server.close(() => done(true)));
  }));
}

// Fails before anything starts, naming the variable to change, rather than one process dying later.
async function checkPorts() {
  const seen = new Map();
  for (const [name, port] of portsToOpen()) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`${name} must be a port number (1–65535); got "${process.env[name]}".`);
    if (seen.has(port)) throw new Error(`${name} and ${seen.get(port)} are both ${port}: give each its own port.`);
    seen.set(port, name);
    if (!(await portFree(port))) throw new Error(`Port ${port} (${name}) is in use by another program: stop it or set ${name} to a free port.`);
  }
}

let shuttingDown = false;
function shutdown(code = 0) {
  shuttingDown = true;
  for (const child of children.reverse()) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500);
}

async function main() {
  await checkPorts();
  mkdirSync(dataDir, { recursive: true });
  const token = adminToken();
  const databaseUrl = await startDatabase();
  const temporalAddress = await startTemporal();
  const shared = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    WAYMARK_ADMIN_TOKEN: token,
    WAYMARK_SECRETS_KEY: secretsKey(),
    // One JSON line per API request would drown this terminal; set WAYMARK_LOG_LEVEL=info to see them.
    WAYMARK_LOG_LEVEL: process.env.WAYMARK_LOG_LEVEL ?? 'warn',
    ...(process.env.DATABASE_URL ? {} : { WAYMARK_EMBEDDED: '1' }),
  };
  launch('api', process.execPath, [join(root, 'apps/api/dist/main.js')], {
    ...shared, PORT: String(ports.api), WAYMARK_DEMO_DATA: process.env.WAYMARK_DEMO_DATA ?? '1',
  });
  await waitFor('API', `http://127.0.0.1:${ports.api}/health`);
  launch('worker', process.execPath, [join(root, 'apps/worker/dist/main.js')], { ...shared, HOST: '127.0.0.1', WAYMARK_WORKER_PORT: String(ports.worker) });
  const consoleUrl = `http://localhost:${ports.console}`;
  launch('console', process.execPath, [join(root, 'apps/console/build/index.js')], {
    PORT: String(ports.console), HOST: '0.0.0.0', ORIGIN: consoleUrl,
    WAYMARK_API_URL: `http://127.0.0.1:${ports.api}/graphql`,
  });
  await waitFor('Worker', `http://127.0.0.1:${ports.worker}/ready`);
  await waitFor('Console', consoleUrl);
  console.log(`\n  Waymark is running.\n  Console:     ${consoleUrl}\n  Admin token: ${token}\n  GraphQL:     http://localhost:${ports.api}/graphql\n  Data folder: ${dataDir}\n  Stop with Ctrl+C.\n`);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => shutdown(0));
main().catch((error) => {
  console.error(`✖ ${error.message}`);
  shutdown(1);
});
