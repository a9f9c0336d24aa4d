import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchArea, BenchContext, BenchMetric } from '../harness/types.js';
import { databaseUrl, dropDatabase, recreateDatabase } from '../harness/postgres.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');
const require = createRequire(import.meta.url);
const AUTOCANNON = join(dirname(require.resolve('autocannon/package.json')), 'autocannon.js');
const DATABASE = 'waymark_bench_api';
// Built output, like the API it is compared with (also when this file runs from source in a test).
const BARE_YOGA = join(root, 'packages/bench/dist/areas/api/bare-yoga.js');
const TARGET_RATIO = 0.5;

const JOURNEY_QUERY = `query Journey($id: ID!) { journey(id: $id) { id name description stages { id name position touchpoints { id key name type channel mode ownerTeam monthlyCost facts } } } }`;
const KPI_QUERY = `query Kpi($scope: KpiScope!, $window: TimeWindow!) { kpi(metric: CSAT, scope: $scope, window: $window) { metric value sampleSize } }`;

export interface ApiBenchOptions {
  durationSeconds: number;
  connections: number;
  demoScale: number;
  database?: string;
}

export function apiOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ApiBenchOptions {
  return {
    durationSeconds: Number(env['WAYMARK_BENCH_API_DURATION'] ?? 4),
    connections: Number(env['WAYMARK_BENCH_API_CONNECTIONS'] ?? 16),
    demoScale: Number(env['WAYMARK_BENCH_API_DEMO_SCALE'] ?? 0.2),
  };
}

function listenOnFreePort(): Promise<Server> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

// Both ports are held open until both are known: asked one after the other, the OS may hand out
// the same port twice, and the "bare" server would then be the Waymark API answering itself.
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, listenOnFreePort));
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((r) => server.close(r))));
  return ports;
}

function startProcess(args: string[], env: Record<string, string>, log: (m: string) => void): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
  // Drained, as a log shipper would: the API writes a JSON line per request to stdout, and a full,
  // unread pipe would stall its logger and measure the bench instead of the server.
  child.stdout?.resume();
  return child;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then((r) => r.status < 500, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function gql<T>(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body: { data?: T; errors?: unknown } = await response.json();
  if (!body.data || body.errors) throw new Error(`${url}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

// The baseline must answer the same documents with the same data, not e.g. a validation error.
async function sameAnswers(url: string, token: string, answers: { journey: unknown; kpi: unknown }, journeyVars: Record<string, unknown>, kpiVars: Record<string, unknown>): Promise<void> {
  const journey = (await gql<{ journey: unknown }>(url, token, JOURNEY_QUERY, journeyVars)).journey;
  const kpi = (await gql<{ kpi: unknown }>(url, token, KPI_QUERY, kpiVars)).kpi;
  if (JSON.stringify({ journey, kpi }) !== JSON.stringify(answers)) throw new Error('the bare yoga server does not answer what the Waymark API answers');
}

interface Load {
  rps: number;
  p99: number;
  errors: number;
}

// autocannon runs in its own process, so the load generator does not share an event loop with either server.
function autocannon(url: string, body: string, token: string, options: ApiBenchOptions): Promise<Load> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [AUTOCANNON, '-j', '-c', String(options.connections), '-d', String(options.durationSeconds), '-m', 'POST',
      '-H', 'content-type=application/json', '-H', `authorization=Bearer ${token}`, '-b', body, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const result: { requests: { average: number }; latency: { p99: number }; errors: number; non2xx: number } = JSON.parse(out);
      done({ rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx });
    });
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

const ROUNDS = 3;

// Alternating short rounds, so drift in the shared machine's load hits every server alike.
async function alternate(servers: (() => Promise<Load>)[]): Promise<Load[]> {
  const loads: Load[][] = servers.map(() => []);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, server] of servers.entries()) loads[index]?.push(await server());
  }
  return loads.map((rounds) => ({
    rps: rounds.reduce((sum, l) => sum + l.rps, 0) / rounds.length,
    p99: Math.max(...rounds.map((l) => l.p99)),
    errors: rounds.reduce((sum, l) => sum + l.errors, 0),
  }));
}

function refuseErrors(name: string, loads: [string, Load][]): void {
  for (const [server, load] of loads) if (load.errors > 0) throw new Error(`${name}: ${load.errors} failed requests against ${server}`);
}

function throughput(name: string, ours: Load, base: Load, target: number | null): BenchMetric {
  const ratio = round(ours.rps / base.rps);
  return { metric: name, value: round(ours.rps), unit: 'req/s', baseline: round(base.rps), ratio,
    target: target === null ? null : `≥ ${target * 100}% of bare yoga`, met: target === null ? null : ratio >= target };
}

// `lean` (optional): bare yoga without its request-size stream, reported beside the target, not in it.
async function measure(name: string, waymark: () => Promise<Load>, bare: () => Promise<Load>, target: number | null, lean?: () => Promise<Load>): Promise<BenchMetric[]> {
  const [ours, base, leanest] = await alternate(lean ? [waymark, bare, lean] : [waymark, bare]);
  if (!ours || !base) throw new Error(`${name}: no measurement`);
  const checked: [string, Load][] = [['Waymark', ours], ['bare yoga', base]];
  if (leanest) checked.push(['bare yoga without a body limit', leanest]);
  refuseErrors(name, checked);
  const metrics = [
    throughput(`${name} throughput (Waymark vs bare graphql-yoga from memory)`, ours, base, target),
    { metric: `${name} p99 latency (worst round)`, value: ours.p99, unit: 'ms', baseline: base.p99, ratio: round(base.p99 / Math.max(ours.p99, 0.001)), target: null, met: null },
  ];
  if (leanest) metrics.push(throughput(`${name}: Waymark vs bare yoga without its body-size limit stream (informational)`, ours, leanest, null));
  return metrics;
}

export async function runApiBench(context: BenchContext, options: ApiBenchOptions): Promise<BenchMetric[]> {
  const database = options.database ?? DATABASE;
  await recreateDatabase(context.adminUrl, database);
  const token = `wmk_${randomBytes(24).toString('base64url')}`;
  const [apiPort, barePort, leanPort] = await freePorts(3);
  if (apiPort === undefined || barePort === undefined || leanPort === undefined || new Set([apiPort, barePort, leanPort]).size !== 3) throw new Error('could not reserve three distinct ports');
  context.log(`api: starting the Waymark API with demo data (scale ${options.demoScale})`);
  const api = startProcess([join(root, 'apps/api/dist/main.js')], {
    DATABASE_URL: databaseUrl(context.adminUrl, database), PORT: String(apiPort), HOST: '127.0.0.1', NODE_ENV: 'production',
    WAYMARK_ADMIN_TOKEN: token, WAYMARK_DEMO_DATA: '1', WAYMARK_DEMO_SCALE: String(options.demoScale),
    WAYMARK_RATE_LIMIT_PER_MINUTE: '100000000', WAYMARK_SECRETS_KEY: randomBytes(32).toString('base64'), TEMPORAL_ADDRESS: '127.0.0.1:1',
  }, context.log);
  const baselines: ChildProcess[] = [];
  try {
    const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
    await waitFor(apiUrl, api, 300_000);
    const { journeys } = await gql<{ journeys: { id: string }[] }>(apiUrl, token, '{ journeys { id } }', {});
    const journeyId = journeys[0]?.id;
    if (!journeyId) throw new Error('the demo workspace has no journey');
    const window = { from: '2026-08-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };
    const journeyVars = { id: journeyId };
    const kpiVars = { scope: { journeyId }, window };
    const answers = { journey: (await gql<{ journey: unknown }>(apiUrl, token, JOURNEY_QUERY, journeyVars)).journey, kpi: (await gql<{ kpi: unknown }>(apiUrl, token, KPI_QUERY, kpiVars)).kpi };
    const answersPath = join(tmpdir(), `waymark-bench-api-${process.pid}.json`);
    writeFileSync(answersPath, JSON.stringify(answers));
    const startBare = async (port: number, flags: string[]): Promise<string> => {
      const bare = startProcess([BARE_YOGA, answersPath, String(port), ...flags], {}, context.log);
      baselines.push(bare);
      const url = `http://127.0.0.1:${port}/graphql`;
      await waitFor(url, bare, 30_000);
      // A bare server that died (port taken after all) must not leave the API answering in its place.
      if (bare.exitCode !== null) throw new Error(`the bare yoga server exited with ${bare.exitCode}`);
      await sameAnswers(url, token, answers, journeyVars, kpiVars);
      return url;
    };
    const bareUrl = await startBare(barePort, []);
    const leanUrl = await startBare(leanPort, ['--no-body-limit']);
    const journeyBody = JSON.stringify({ query: JOURNEY_QUERY, variables: journeyVars });
    const kpiBody = JSON.stringify({ query: KPI_QUERY, variables: kpiVars });
    context.log('api: warming up');
    await autocannon(apiUrl, journeyBody, token, { ...options, durationSeconds: 2 });
    context.log('api: journey query under load');
    const load = (url: string, body: string) => () => autocannon(url, body, token, options);
    const results = await measure('journey query', load(apiUrl, journeyBody), load(bareUrl, journeyBody), TARGET_RATIO, load(leanUrl, journeyBody));
    context.log('api: KPI query under load');
    results.push(...(await measure('KPI query (CSAT, journey, 92 days)', load(apiUrl, kpiBody), load(bareUrl, kpiBody), null)));
    return results;
  } finally {
    for (const bare of baselines) await stop(bare);
    await stop(api);
    await dropDatabase(context.adminUrl, database);
  }
}

export const apiArea: BenchArea = {
  name: 'api',
  description: 'journey and KPI GraphQL queries under concurrent load (autocannon, separate process) vs a bare graphql-yoga server answering from memory',
  run: (context) => runApiBench(context, apiOptionsFromEnv()),
};
