import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Associations, CrmData, CrmRecord } from './hubspot-fixtures.js';
import { filterRecords, project, sortRecords } from './hubspot-search.js';
import type { SearchBody } from './hubspot-search.js';

const batchReadSchema = z.object({ inputs: z.array(z.object({ id: z.string() })) });

export type RateLimitKind = 'ten-secondly' | 'search-secondly';

/**
 * HubSpot CRM v3/v4 as far as the plugin uses it: list and search objects, batch-read contact
 * associations (207 when some have none), Bearer auth (401 body as HubSpot sends it) and 429
 * with HubSpot's rate-limit body and headers.
 */
export class HubSpotServer {
  readonly requests: { method: string; path: string; status: number; body?: SearchBody }[] = [];
  private rateLimits: RateLimitKind[] = [];
  private server = createServer((req, res) => void this.handle(req, res));

  constructor(private readonly token: string, readonly data: CrmData, readonly associations: Associations) {}

  get baseUrl(): string {
    const address: AddressInfo | string | null = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('server not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The next requests answer 429, one per entry. */
  rateLimitNext(...kinds: RateLimitKind[]): void {
    this.rateLimits = kinds;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const raw = await readBody(req);
    const body: unknown = raw === '' ? undefined : JSON.parse(raw);
    const status = this.route(req.method ?? 'GET', url, body, req, res);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, status, ...(isSearchBody(body) ? { body } : {}) });
  }

  private route(method: string, url: URL, body: unknown, req: IncomingMessage, res: ServerResponse): number {
    res.setHeader('x-hubspot-ratelimit-max', '190');
    res.setHeader('x-hubspot-ratelimit-interval-milliseconds', '10000');
    const limited = this.rateLimits.shift();
    if (limited) return rateLimited(res, limited);
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return send(res, 401, { status: 'error', message: 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview', correlationId: randomUUID(), category: 'INVALID_AUTHENTICATION' });
    }
    const parts = url.pathname.split('/').filter(Boolean);
    if (method === 'GET' && parts.length === 4 && url.pathname.startsWith('/crm/v3/objects/')) return this.list(parts[3] ?? '', url, res);
    if (method === 'POST' && parts.length === 5 && parts[4] === 'search' && isSearchBody(body)) return this.search(parts[3] ?? '', body, res);
    if (method === 'POST' && url.pathname.startsWith('/crm/v4/associations/') && parts[6] === 'read') return this.associationsRead(parts[3] ?? '', body, res);
    return send(res, 404, { status: 'error', message: `Unable to infer object type from: ${url.pathname}`, correlationId: randomUUID(), category: 'OBJECT_NOT_FOUND' });
  }

  private records(type: string): CrmRecord[] {
    return this.data[type] ?? [];
  }

  private list(type: string, url: URL, res: ServerResponse): number {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 10), 100);
    const offset = Number(url.searchParams.get('after') ?? 0);
    const properties = (url.searchParams.get('properties') ?? '').split(',').filter(Boolean);
    const all = sortRecords(this.records(type), undefined);
    const results = all.slice(offset, offset + limit).map((record) => project(record, type, properties));
    const next = offset + limit < all.length ? { next: { after: String(offset + limit), link: `${this.baseUrl}/crm/v3/objects/${type}?after=${offset + limit}` } } : {};
    return send(res, 200, { results, ...(next.next ? { paging: next } : {}) });
  }

  private search(type: string, body: SearchBody, res: ServerResponse): number {
    const limit = body.limit ?? 10;
    if (limit > 200) return send(res, 400, { status: 'error', message: 'limit must be at most 200', correlationId: randomUUID(), category: 'VALIDATION_ERROR' });
    const matched = sortRecords(filterRecords(this.records(type), body.filterGroups ?? []), body.sorts?.[0]);
    const offset = Number(body.after ?? 0);
    const results = matched.slice(offset, offset + limit).map((record) => project(record, type, body.properties ?? []));
    const paging = offset + limit < matched.length ? { paging: { next: { after: String(offset + limit) } } } : {};
    return send(res, 200, { total: matched.length, results, ...paging });
  }

  private associationsRead(fromType: string, body: unknown, res: ServerResponse): number {
    const parsed = batchReadSchema.safeParse(body);
    if (!parsed.success) return send(res, 400, { status: 'error', message: 'inputs must be a list of { id }', correlationId: randomUUID(), category: 'VALIDATION_ERROR' });
    const ids = parsed.data.inputs.map((input) => input.id);
    const known = this.associations[fromType] ?? {};
    const results = ids.filter((id) => (known[id] ?? []).length > 0).map((id) => ({
      from: { id },
      to: (known[id] ?? []).map((contactId) => ({ toObjectId: Number(contactId), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }] })),
    }));
    const missing = ids.filter((id) => (known[id] ?? []).length === 0);
    const now = new Date().toISOString();
    const errors = missing.map((id) => ({ status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', message: `No contact is associated with ${fromType} ${id}.`, context: { fromObjectId: [id] } }));
    return send(res, missing.length > 0 ? 207 : 200, { status: 'COMPLETE', results, ...(missing.length > 0 ? { numErrors: errors.length, errors } : {}), startedAt: now, completedAt: now });
  }
}

function rateLimited(res: ServerResponse, kind: RateLimitKind): number {
  res.setHeader('x-hubspot-ratelimit-remaining', '0');
  if (kind === 'search-secondly') {
    return send(res, 429, { status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId: randomUUID() });
  }
  res.setHeader('retry-after', '1');
  return send(res, 429, { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName: 'TEN_SECONDLY_ROLLING', groupName: 'publicapi:private-app:12345' });
}

function isSearchBody(body: unknown): body is SearchBody {
  return typeof body === 'object' && body !== null && ('filterGroups' in body || 'sorts' in body || 'limit' in body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

function send(res: ServerResponse, status: number, body: unknown): number {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify(body));
  return status;
}
