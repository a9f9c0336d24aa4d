import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPluginContext, createPluginLogger } from '@waymark/plugin-sdk';
import type { Page } from '@waymark/plugin-sdk';
import { expectPluginContract } from '@waymark/plugin-sdk/testkit';
import { keysetCursorSchema } from './keyset.js';
import type { KeysetCursor } from './keyset.js';
import { plugin } from './plugin.js';
import { loadCrmData } from './test-support/hubspot-fixtures.js';
import { HubSpotServer } from './test-support/hubspot-server.js';

const TOKEN = 'pat-eu1-7a1c9e52-3b6d-4f08-9e1a-2c5d7f9b0e13';
let server: HubSpotServer;
const logLines: string[] = [];
const TOUCHPOINTS = { deals: 'crm-sales-desk', calls: 'phone-reservations', emails: 'email-desk', meetings: 'sales-meetings', notes: 'front-desk-notes' };

beforeEach(async () => {
  const { data, associations } = await loadCrmData();
  server = await new HubSpotServer(TOKEN, data, associations).start();
});

afterEach(async () => {
  await server.close();
});

const config = (extra: Record<string, unknown> = {}) => ({ baseUrl: server.baseUrl, touchpoints: TOUCHPOINTS, pageSize: 3, ...extra });

function context(token = TOKEN, extra: Record<string, unknown> = {}) {
  return createPluginContext({
    config: plugin.assertConfig(config(extra)),
    secrets: { accessToken: token },
    logger: createPluginLogger({ secrets: [token], level: 'debug', sink: (line) => logLines.push(line) }),
  });
}

async function pull(stream: string, cursor: KeysetCursor | null = null, token = TOKEN, extra: Record<string, unknown> = {}): Promise<Page<KeysetCursor>[]> {
  const pages: Page<KeysetCursor>[] = [];
  for await (const page of plugin.stream(stream).pull(context(token, extra), cursor)) pages.push({ ...page, nextCursor: keysetCursorSchema.parse(page.nextCursor) });
  return pages;
}

describe('crm-hubspot against a local HubSpot API', () => {
  it('passes the SDK contract check on every stream', async () => {
    const report = await expectPluginContract(plugin, { config: config(), secrets: { accessToken: TOKEN } });
    expect(report.streams.map((stream) => [stream.stream, stream.events])).toEqual([
      ['contacts', 0], ['deals', 5], ['calls', 3], ['emails', 3], ['meetings', 1], ['notes', 1],
    ]);
  });

  it('links every contact, walking a bulk-modified instant by id across pages', async () => {
    const pages = await pull('contacts');
    const links = pages.flatMap((page) => page.links ?? []);
    // (last modified, id) order: 59–67 share one bulk-import instant; 69 has neither e-mail nor phone.
    expect(links.map((link) => link.refs[0])).toEqual(['51', '53', '55', '59', '61', '63', '65', '67', '57', '71', '73'].map((id) => `crm:hubspot:${id}`));
    expect(links[0]?.refs).toEqual(['crm:hubspot:51', 'email:ana.silva@example.com', 'phone:+351912345678']);
    const searches = server.requests.filter((request) => request.path.endsWith('/search')).map((request) => request.body?.sorts?.[0]);
    expect(searches).toContainEqual({ propertyName: 'hs_object_id', direction: 'ASCENDING' });
    expect(searches[0]).toEqual({ propertyName: 'lastmodifieddate', direction: 'ASCENDING' });
  });

  it('emits closed-won deals with amounts and reports those it cannot attribute', async () => {
    const pages = await pull('deals');
    const events = pages.flatMap((page) => page.events);
    expect(events.map((event) => [event.externalId, event.kind, event.customerRef, event.value ?? null, event.touchpointKey])).toEqual([
      ['deal:9001', 'PURCHASE', 'crm:hubspot:51', 567, 'crm-sales-desk'],
      ['deal:9004', 'PURCHASE', 'crm:hubspot:53', 4200, 'crm-sales-desk'],
      ['deal:9007', 'PURCHASE', 'crm:hubspot:55', 1890.5, 'crm-sales-desk'],
      ['deal:9013', 'PURCHASE', 'crm:hubspot:59', null, 'crm-sales-desk'],
      ['deal:9022', 'PURCHASE', 'crm:hubspot:67', 3150, 'crm-sales-desk'],
    ]);
    const rejected = pages.flatMap((page) => page.rejected ?? []).map((record) => record.reason);
    expect(rejected).toEqual(['closed-won deal 9019 has no associated contact', 'deal 9025 has a non-numeric amount "n/a"']);
  });

  it('maps inbound calls and incoming e-mails to INQUIRY, the rest to INTERACTION', async () => {
    const calls = (await pull('calls')).flatMap((page) => page.events);
    expect(calls.map((event) => [event.externalId, event.kind, event.customerRef])).toEqual([
      ['call:30001', 'INQUIRY', 'crm:hubspot:51'], ['call:30006', 'INTERACTION', 'crm:hubspot:53'], ['call:30016', 'INQUIRY', 'crm:hubspot:67'],
    ]);
    const emails = (await pull('emails')).flatMap((page) => page.events);
    expect(emails.map((event) => event.kind)).toEqual(['INQUIRY', 'INTERACTION', 'INQUIRY']);
  });

  it('resumes incrementally: a later pull returns only records modified after the cursor', async () => {
    const first = await pull('deals');
    const cursor = first.at(-1)?.nextCursor ?? null;
    const deal = server.data.deals?.find((record) => record.id === '9010');
    if (!deal) throw new Error('fixture deal 9010 missing');
    deal.properties.dealstage = 'closedwon';
    deal.properties.hs_lastmodifieddate = new Date(Date.now() - 5 * 60_000).toISOString();
    const next = await pull('deals', cursor);
    expect(next.flatMap((page) => page.events).map((event) => event.externalId)).toEqual(['deal:9010']);
  });

  it('waits on 429 (Retry-After or the policy in the body) and fails with rate_limited or auth_failed', async () => {
    server.rateLimitNext('ten-secondly', 'search-secondly');
    expect((await pull('meetings')).flatMap((page) => page.events)).toHaveLength(1);
    expect(server.requests.slice(0, 3).map((request) => request.status)).toEqual([429, 429, 200]);
    server.rateLimitNext('ten-secondly', 'ten-secondly');
    await expect(pull('meetings', null, TOKEN, { retries: 1 })).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(pull('meetings', null, 'pat-wrong-token')).rejects.toMatchObject({ code: 'auth_failed' });
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });

  it('stops with aborted when the run is cancelled while waiting for a rate limit', async () => {
    server.rateLimitNext('ten-secondly', 'ten-secondly');
    const controller = new AbortController();
    const ctx = createPluginContext({
      config: plugin.assertConfig(config()),
      secrets: { accessToken: TOKEN },
      signal: controller.signal,
      logger: createPluginLogger({ level: 'silent' }),
    });
    setTimeout(() => controller.abort(), 200);
    const run = async () => {
      for await (const page of plugin.stream('deals').pull(ctx, null)) expect(page).toBeDefined();
    };
    await expect(run()).rejects.toMatchObject({ code: 'aborted' });
  });

  it('tests the connection with one list call and skips object types without a touchpoint', async () => {
    await expect(plugin.testConnection?.(context())).resolves.toBeUndefined();
    expect(server.requests.at(-1)?.path).toBe('/crm/v3/objects/contacts?limit=1');
    await expect(plugin.testConnection?.(context('pat-wrong-token'))).rejects.toMatchObject({ code: 'auth_failed' });
    const skipped = await pull('notes', null, TOKEN, { touchpoints: { deals: 'crm-sales-desk' } });
    expect(skipped).toEqual([{ events: [], nextCursor: { lastModified: null, lastId: null }, hasMore: false }]);
  });
});
