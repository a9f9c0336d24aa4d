import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { formatIssues } from '../event-schema.js';

/** A recorded HTTP exchange served by {@link startFixtureServer}. */
export interface Fixture {
  request: {
    /** Default `GET`. */
    method?: string;
    /** Path without query, e.g. `/crm/v3/objects/contacts`. */
    path: string;
    /** Query parameters the request must carry (others are ignored). */
    query?: Record<string, string>;
  };
  response: {
    /** Default 200. */
    status?: number;
    headers?: Record<string, string>;
    /** A string is sent as is; anything else as JSON. */
    body?: unknown;
  };
}

const fixtureSchema = z.object({
  request: z.object({ method: z.string().optional(), path: z.string().startsWith('/'), query: z.record(z.string(), z.string()).optional() }),
  response: z.object({ status: z.number().int().optional(), headers: z.record(z.string(), z.string()).optional(), body: z.unknown() }),
});

/** A running fixture server. */
export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** Requests that matched no fixture (`METHOD /path?query`); they were answered 404. */
  readonly unmatched: readonly string[];
  /** Every request received, in order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * Serves recorded responses on a local port: the plugin under test talks real HTTP to it. A
 * request is answered by the fixture with the same method and path whose query parameters all
 * match, preferring the fixture that names the most parameters.
 */
export async function startFixtureServer(fixtures: readonly Fixture[]): Promise<FixtureServer> {
  const unmatched: string[] = [];
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const label = `${req.method ?? 'GET'} ${req.url ?? '/'}`;
    requests.push(label);
    // Drain the body so keep-alive connections stay usable.
    req.resume();
    req.on('end', () => {
      const fixture = match(fixtures, req);
      if (!fixture) {
        unmatched.push(label);
        send(res, 404, { 'content-type': 'application/json' }, JSON.stringify({ error: `no fixture for ${label}` }));
        return;
      }
      const body = fixture.response.body;
      const isText = typeof body === 'string';
      const headers = { 'content-type': isText ? 'text/plain' : 'application/json', ...fixture.response.headers };
      send(res, fixture.response.status ?? 200, headers, isText ? body : JSON.stringify(body ?? null));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('fixture server has no TCP address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    unmatched,
    requests,
    close: () => new Promise((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}

/**
 * Loads fixtures from every `*.json` file of `dir` (each holds one fixture or an array of them),
 * in file-name order.
 */
export async function loadFixtures(dir: string): Promise<Fixture[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const all: Fixture[] = [];
  for (const file of files) {
    const parsed: unknown = JSON.parse(await readFile(join(dir, file), 'utf8'));
    const items: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
    for (const item of items) {
      const result = fixtureSchema.safeParse(item);
      if (!result.success) throw new Error(`Fixture file ${file} is invalid: ${formatIssues(result.error.issues)}`);
      all.push(toFixture(result.data));
    }
  }
  return all;
}

function toFixture(parsed: z.output<typeof fixtureSchema>): Fixture {
  const request: Fixture['request'] = { path: parsed.request.path };
  if (parsed.request.method !== undefined) request.method = parsed.request.method;
  if (parsed.request.query !== undefined) request.query = parsed.request.query;
  const response: Fixture['response'] = { body: parsed.response.body };
  if (parsed.response.status !== undefined) response.status = parsed.response.status;
  if (parsed.response.headers !== undefined) response.headers = parsed.response.headers;
  return { request, response };
}

function match(fixtures: readonly Fixture[], req: IncomingMessage): Fixture | undefined {
  const url = new URL(req.url ?? '/', 'http://fixture.local');
  const method = (req.method ?? 'GET').toUpperCase();
  let best: Fixture | undefined;
  let bestScore = -1;
  for (const fixture of fixtures) {
    if ((fixture.request.method ?? 'GET').toUpperCase() !== method || fixture.request.path !== url.pathname) continue;
    const query = Object.entries(fixture.request.query ?? {});
    if (!query.every(([key, value]) => url.searchParams.get(key) === value)) continue;
    if (query.length > bestScore) {
      best = fixture;
      bestScore = query.length;
    }
  }
  return best;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
}
