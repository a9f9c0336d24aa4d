import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient, isPluginError } from './index.js';

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

const servers: Array<{ close: () => void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function serve(handler: Handler): Promise<{ url: string; hits: number[] }> {
  const hits: number[] = [];
  const server = createServer((req, res) => {
    hits.push(Date.now());
    handler(req, res, hits.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const { port } = address;
  servers.push({ close: () => { server.closeAllConnections(); server.close(); } });
  return { url: `http://127.0.0.1:${port}/data`, hits };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function failure(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

const body = z.object({ ok: z.boolean() });

describe('createHttpClient', () => {
  it('retries 503 with backoff and returns the validated JSON', async () => {
    const server = await serve((_req, res, hit) => (hit < 3 ? json(res, 503, {}) : json(res, 200, { ok: true })));
    const http = createHttpClient({ backoffLimitMs: 20 });
    await expect(http.json(server.url, body)).resolves.toEqual({ ok: true });
    expect(server.hits).toHaveLength(3);
  });

  it('waits for Retry-After on 429 before retrying', async () => {
    const server = await serve((_req, res, hit) => (hit === 1 ? json(res, 429, {}, { 'retry-after': '1' }) : json(res, 200, { ok: true })));
    const http = createHttpClient({ backoffLimitMs: 10 });
    await http.json(server.url, body);
    const [first, second] = server.hits;
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('fails with rate_limited when 429 persists after the retries', async () => {
    const server = await serve((_req, res) => json(res, 429, {}));
    const error = await failure(createHttpClient({ retries: 2, backoffLimitMs: 5 }).json(server.url, body));
    expect(isPluginError(error) && error.code).toBe('rate_limited');
    expect(server.hits).toHaveLength(3);
  });

  it('maps 401 to auth_failed without retrying', async () => {
    const server = await serve((_req, res) => json(res, 401, { message: 'bad token' }));
    const error = await failure(createHttpClient().json(server.url, body));
    expect(error).toMatchObject({ code: 'auth_failed', details: { status: 401 } });
    expect(server.hits).toHaveLength(1);
  });

  it('times out slow attempts, retries them, then fails with upstream_unavailable', async () => {
    const server = await serve(() => undefined);
    const error = await failure(createHttpClient({ timeoutMs: 100, retries: 1, backoffLimitMs: 5 }).json(server.url, body));
    expect(error).toMatchObject({ code: 'upstream_unavailable', message: expect.stringContaining('did not answer in time') });
    expect(server.hits).toHaveLength(2);
  });

  it('rejects a payload that does not match the schema with upstream_error', async () => {
    const server = await serve((_req, res) => json(res, 200, { ok: 'yes' }));
    const error = await failure(createHttpClient().json(`${server.url}?token=abc123`, body));
    expect(error).toMatchObject({ code: 'upstream_error' });
    expect(String(error)).not.toContain('abc123');
  });

  it('spaces requests according to the rate limit', async () => {
    const server = await serve((_req, res) => json(res, 200, { ok: true }));
    const http = createHttpClient({ rateLimit: { limit: 2, intervalMs: 300 } });
    await Promise.all(Array.from({ length: 5 }, () => http.json(server.url, body)));
    const span = (server.hits.at(-1) ?? 0) - (server.hits[0] ?? 0);
    expect(span).toBeGreaterThanOrEqual(550);
  });

  it('stops when the signal aborts', async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    const http = createHttpClient({ signal: controller.signal, timeoutMs: 10_000 });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(http.text(server.url));
    expect(error).toMatchObject({ code: 'aborted' });
  });

  it('works as a fetch implementation: retries, then resolves non-2xx responses', async () => {
    const server = await serve((_req, res, hit) => (hit === 1 ? json(res, 502, {}) : json(res, 404, { missing: true })));
    const response = await createHttpClient({ backoffLimitMs: 5 }).fetch(server.url, { method: 'GET' });
    expect(response.status).toBe(404);
    await expect(response.json()).resolves.toEqual({ missing: true });
    expect(server.hits).toHaveLength(2);
  });
});
