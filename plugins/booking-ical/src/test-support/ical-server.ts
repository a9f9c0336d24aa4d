import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Reads a recorded feed from `fixtures/`. */
export async function fixtureFeed(name: string): Promise<string> {
  return readFile(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), 'utf8');
}

export interface IcalServerOptions {
  /** Require HTTP Basic credentials. */
  basicAuth?: { username: string; password: string };
}

/**
 * A channel manager's export endpoint: serves the current feed as `text/calendar` (CRLF lines),
 * with a strong ETag and Last-Modified, answering 304 to matching conditional requests.
 */
export class IcalServer {
  readonly requests: { status: number; ifNoneMatch: string | null; authorization: string | null }[] = [];
  private feed = '';
  private etag = '';
  private modifiedAt = new Date('2026-03-01T08:00:00Z');
  private pendingRateLimits = 0;
  private server = createServer((req, res) => this.handle(req, res));

  constructor(private readonly options: IcalServerOptions = {}) {}

  get url(): string {
    const address: AddressInfo | string | null = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('server not listening');
    return `http://127.0.0.1:${address.port}/export/reservations.ics?key=feed-key-123`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Publishes a new version of the feed. */
  publish(ics: string, modifiedAt: Date): void {
    this.feed = ics.replace(/\r?\n/g, '\r\n');
    this.etag = `"${createHash('sha1').update(this.feed).digest('hex')}"`;
    this.modifiedAt = modifiedAt;
  }

  /** The next `count` requests get 429 with `Retry-After: 1`. */
  rateLimitNext(count: number): void {
    this.pendingRateLimits = count;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const status = this.respond(req, res);
    const ifNoneMatch = req.headers['if-none-match'];
    this.requests.push({ status, ifNoneMatch: typeof ifNoneMatch === 'string' ? ifNoneMatch : null, authorization: req.headers.authorization ?? null });
  }

  private respond(req: IncomingMessage, res: ServerResponse): number {
    if (!new URL(req.url ?? '/', 'http://x').pathname.endsWith('/reservations.ics')) return send(res, 404, 'Not Found');
    if (this.pendingRateLimits > 0) {
      this.pendingRateLimits -= 1;
      res.setHeader('retry-after', '1');
      return send(res, 429, 'Too Many Requests');
    }
    if (!this.authorised(req)) {
      res.setHeader('www-authenticate', 'Basic realm="reservations"');
      return send(res, 401, 'Unauthorized');
    }
    res.setHeader('etag', this.etag);
    res.setHeader('last-modified', this.modifiedAt.toUTCString());
    if (req.headers['if-none-match'] === this.etag) return send(res, 304, '');
    res.setHeader('content-type', 'text/calendar; charset=utf-8');
    return send(res, 200, this.feed);
  }

  private authorised(req: IncomingMessage): boolean {
    const auth = this.options.basicAuth;
    if (!auth) return true;
    const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    return req.headers.authorization === expected;
  }
}

function send(res: ServerResponse, status: number, body: string): number {
  res.statusCode = status;
  res.end(status === 304 ? undefined : body);
  return status;
}
