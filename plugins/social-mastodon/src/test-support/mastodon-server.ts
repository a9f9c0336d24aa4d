import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface RawNotification {
  id: string;
  type: string;
  status?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/** Recorded `GET /api/v1/notifications` entities (snake_case JSON, newest first). */
export async function fixtureNotifications(): Promise<RawNotification[]> {
  const parsed: unknown = JSON.parse(await readFile(fileURLToPath(new URL('../../fixtures/notifications.json', import.meta.url)), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error('notifications.json must hold an array');
  return parsed.filter((item): item is RawNotification => typeof item === 'object' && item !== null && 'id' in item && 'type' in item);
}

const byIdDesc = (a: RawNotification, b: RawNotification) => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0);

/**
 * A Mastodon instance's notifications API: Bearer auth (401 JSON error), `types[]` filter,
 * `limit`/`max_id`/`since_id`/`min_id` with Mastodon's ordering, `Link` headers (rel next/prev,
 * carrying the filter params) and 429 with `X-RateLimit-*` headers.
 */
export class MastodonServer {
  readonly requests: { path: string; status: number }[] = [];
  notifications: RawNotification[] = [];
  private pendingRateLimits = 0;
  private pendingFailures = 0;
  private server = createServer((req, res) => this.handle(req, res));

  constructor(private readonly token: string) {}

  get baseUrl(): string {
    const address: AddressInfo | string | null = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('server not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(notifications: RawNotification[]): Promise<this> {
    this.notifications = notifications;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The next `count` requests are throttled (429, reset one second ahead). */
  rateLimitNext(count: number): void {
    this.pendingRateLimits = count;
  }

  /** The next `count` requests fail with 503. */
  failNext(count: number): void {
    this.pendingFailures = count;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const status = this.route(url, req, res);
    this.requests.push({ path: `${url.pathname}${url.search}`, status });
  }

  private route(url: URL, req: IncomingMessage, res: ServerResponse): number {
    res.setHeader('x-ratelimit-limit', '300');
    if (this.pendingRateLimits > 0) {
      this.pendingRateLimits -= 1;
      res.setHeader('x-ratelimit-remaining', '0');
      res.setHeader('x-ratelimit-reset', new Date(Date.now() + 1000).toISOString());
      return json(res, 429, { error: 'Too many requests' });
    }
    if (this.pendingFailures > 0) {
      this.pendingFailures -= 1;
      return json(res, 503, { error: 'Service Unavailable' });
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) return json(res, 401, { error: 'The access token is invalid' });
    res.setHeader('x-ratelimit-remaining', '299');
    if (url.pathname === '/api/v1/accounts/verify_credentials') return json(res, 200, { id: '108000000000000001', username: 'miradorhotel', acct: 'miradorhotel' });
    if (url.pathname === '/api/v1/notifications') return this.list(url, res);
    return json(res, 404, { error: 'Record not found' });
  }

  private list(url: URL, res: ServerResponse): number {
    const params = url.searchParams;
    const types = params.getAll('types[]');
    const limit = Math.min(Number(params.get('limit') ?? 40) || 40, 80);
    const above = (id: string, bound: string | null) => bound === null || BigInt(id) > BigInt(bound);
    const below = (id: string, bound: string | null) => bound === null || BigInt(id) < BigInt(bound);
    const minId = params.get('min_id');
    let items = this.notifications
      .filter((n) => types.length === 0 || types.includes(n.type))
      .filter((n) => below(n.id, params.get('max_id')) && above(n.id, params.get('since_id')) && above(n.id, minId))
      .sort(byIdDesc);
    // min_id pages from the oldest newer item upwards; the page is still listed newest first.
    items = minId === null ? items.slice(0, limit) : items.slice(-limit);
    const first = items[0];
    const last = items.at(-1);
    if (first && last) res.setHeader('link', `<${this.pageUrl(url, 'max_id', last.id)}>; rel="next", <${this.pageUrl(url, 'min_id', first.id)}>; rel="prev"`);
    return json(res, 200, items);
  }

  private pageUrl(url: URL, key: 'max_id' | 'min_id', id: string): string {
    const next = new URL('/api/v1/notifications', this.baseUrl);
    for (const name of ['limit', 'types[]', 'exclude_types[]']) for (const value of url.searchParams.getAll(name)) next.searchParams.append(name, value);
    next.searchParams.set(key, id);
    return next.toString();
  }
}

function json(res: ServerResponse, status: number, body: unknown): number {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
  return status;
}
