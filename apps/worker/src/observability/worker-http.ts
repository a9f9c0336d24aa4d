import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Db } from '@waymark/db';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { WorkerMetrics } from './metrics.js';

const CHECK_TIMEOUT_MS = 2000;

export interface WorkerHealthSources {
  db: Db;
  metrics: WorkerMetrics;
  // Set once the worker exists; until then (and while draining) the process is not ready.
  worker: () => { worker: Worker; connection: NativeConnection } | null;
  draining: () => boolean;
}

function withinTimeout(check: Promise<unknown>, what: string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`down: ${what} unreachable (no answer within ${CHECK_TIMEOUT_MS} ms)`), CHECK_TIMEOUT_MS)));
  const answer = check.then(() => 'ok', (error: unknown) => `down: ${error instanceof Error ? error.message : String(error)}`);
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}

async function readiness(sources: WorkerHealthSources): Promise<{ code: number; body: Record<string, string> }> {
  if (sources.draining()) return { code: 503, body: { status: 'draining' } };
  const running = sources.worker();
  const [database, temporal] = await Promise.all([
    withinTimeout(sources.db.query('SELECT 1'), 'the database'),
    running ? withinTimeout(running.connection.workflowService.getSystemInfo({}), 'Temporal') : Promise.resolve('down: not connected yet'),
  ]);
  const state = running?.worker.getState() ?? 'INITIALIZED';
  const worker = state === 'RUNNING' ? 'ok' : `down: worker ${state.toLowerCase()}`;
  const ok = database === 'ok' && temporal === 'ok' && worker === 'ok';
  return { code: ok ? 200 : 503, body: { status: ok ? 'ready' : 'not ready', database, temporal, worker } };
}

function send(res: ServerResponse, code: number, contentType: string, body: string): void {
  res.writeHead(code, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
}

async function route(req: IncomingMessage, res: ServerResponse, sources: WorkerHealthSources): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0];
  if (req.method !== 'GET') return send(res, 405, 'application/json', '{"error":"only GET"}');
  if (path === '/health') return send(res, 200, 'application/json', '{"status":"ok"}');
  if (path === '/ready') {
    const { code, body } = await readiness(sources);
    return send(res, code, 'application/json', JSON.stringify(body));
  }
  if (path === '/metrics') return send(res, 200, sources.metrics.registry.contentType, await sources.metrics.registry.metrics());
  return send(res, 404, 'application/json', '{"error":"not found: /health, /ready, /metrics"}');
}

// The worker's own HTTP port (WAYMARK_WORKER_PORT): liveness, readiness and Prometheus metrics.
export function startWorkerHttp(sources: WorkerHealthSources, port: number, host: string, onError: (error: unknown) => void): Promise<Server> {
  const server = createServer((req, res) => {
    route(req, res, sources).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) send(res, 500, 'application/json', '{"error":"internal"}');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
