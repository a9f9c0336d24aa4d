import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@hubspot/api-client';
import { PublicObjectSearchRequest } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import type { Filter, SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { PluginError } from '@waymark/plugin-sdk';
import type { PluginContext } from '@waymark/plugin-sdk';
import type { HubSpotConfig } from './config.js';
import { classifyFailure } from './hubspot-errors.js';

const BACKOFF_BASE_MS = 250;

export interface SearchQuery {
  filters: Filter[];
  sortBy: string;
  properties: string[];
  limit: number;
}

/** The calls the streams make, each with timeout, retries and coded errors. */
export interface HubSpotApi {
  search(objectType: string, query: SearchQuery): Promise<SimplePublicObject[]>;
  /** Associated contact ids per object id (v4 batch read). */
  contactsOf(objectType: string, ids: readonly string[]): Promise<Map<string, string[]>>;
  /** One cheap authenticated call. */
  ping(): Promise<void>;
}

/**
 * Wraps the official client pointed at `baseUrl`. The client's own retry waits a fixed 10 s and
 * ignores `Retry-After`, and it cannot take a custom fetch, so retries, timeouts and cancellation
 * are applied around each call here instead.
 */
export function hubspotApi(ctx: PluginContext<HubSpotConfig>): HubSpotApi {
  const accessToken = ctx.secrets.accessToken;
  if (accessToken === undefined || accessToken === '') {
    throw new PluginError('secret_missing', 'Set the accessToken secret: the access token of a HubSpot private app with the CRM read scopes.');
  }
  const client = new Client({ accessToken, basePath: ctx.config.baseUrl, numberOfApiCallRetries: 0 });
  const call = <T>(path: string, run: () => Promise<T>) => withRetries(ctx, `${ctx.config.baseUrl}${path}`, run);
  return {
    async search(objectType, query) {
      // The client types `sorts` as string[], but the API takes sort objects (HubSpot/hubspot-api-nodejs#559).
      const request = Object.assign(new PublicObjectSearchRequest(), {
        filterGroups: [{ filters: query.filters }],
        sorts: [{ propertyName: query.sortBy, direction: 'ASCENDING' }],
        properties: query.properties,
        limit: query.limit,
      });
      const page = await call(`/crm/v3/objects/${objectType}/search`, () => client.crm.objects.searchApi.doSearch(objectType, request));
      return page.results;
    },
    async contactsOf(objectType, ids) {
      const out = new Map<string, string[]>();
      if (ids.length === 0) return out;
      const inputs = ids.map((id) => ({ id }));
      const response = await call(`/crm/v4/associations/${objectType}/contacts/batch/read`, () =>
        client.crm.associations.v4.batchApi.getPage(objectType, 'contacts', { inputs }));
      for (const result of response.results) out.set(String(result._from.id), result.to.map((to) => String(to.toObjectId)));
      return out;
    },
    async ping() {
      await call('/crm/v3/objects/contacts', () => client.crm.objects.basicApi.getPage('contacts', 1));
    },
  };
}

async function withRetries<T>(ctx: PluginContext<HubSpotConfig>, where: string, run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    if (ctx.signal.aborted) throw new PluginError('aborted', `Request to ${where} was cancelled`);
    try {
      return await withTimeout(run(), ctx.config.requestTimeoutSeconds * 1000, where);
    } catch (error) {
      const failure = classifyFailure(error, where);
      const delayMs = failure.waitMs ?? Math.min(BACKOFF_BASE_MS * 2 ** attempt, 30_000);
      const tooLong = failure.waitMs !== undefined && failure.waitMs > ctx.config.maxRateLimitWaitSeconds * 1000;
      if (!failure.retryable || attempt >= ctx.config.retries || tooLong) throw failure.error;
      ctx.logger.warn('hubspot request failed, retrying', { where, attempt: attempt + 1, delayMs, code: failure.error.code });
      await pause(ctx, delayMs);
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, where: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new PluginError('upstream_unavailable', `${where} did not answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function pause(ctx: PluginContext<HubSpotConfig>, ms: number): Promise<void> {
  try {
    await sleep(ms, undefined, { signal: ctx.signal });
  } catch (error) {
    throw new PluginError('aborted', 'The sync was cancelled while waiting to retry', { cause: error });
  }
}
