import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPluginContext, createPluginLogger } from '@waymark/plugin-sdk';
import type { Page } from '@waymark/plugin-sdk';
import { expectPluginContract } from '@waymark/plugin-sdk/testkit';
import { plugin } from './plugin.js';
import { mentionsCursorSchema } from './streams/mentions.js';
import type { MentionsCursor } from './streams/mentions.js';
import { fixtureNotifications, MastodonServer } from './test-support/mastodon-server.js';
import type { RawNotification } from './test-support/mastodon-server.js';

const TOKEN = 'mastodon-token-4b1d9e7c2a';
let server: MastodonServer;
let fixtures: RawNotification[];
const logLines: string[] = [];

beforeEach(async () => {
  fixtures = await fixtureNotifications();
  server = await new MastodonServer(TOKEN).start([...fixtures]);
});

afterEach(async () => {
  await server.close();
});

const config = (extra: Record<string, unknown> = {}) => ({ instanceUrl: server.baseUrl, touchpointKey: 'social-mastodon', pageSize: 4, ...extra });

function context(token = TOKEN, extra: Record<string, unknown> = {}) {
  return createPluginContext({
    config: plugin.assertConfig(config(extra)),
    secrets: { accessToken: token },
    logger: createPluginLogger({ secrets: [token], level: 'debug', sink: (line) => logLines.push(line) }),
  });
}

async function pull(cursor: MentionsCursor | null, token = TOKEN, extra: Record<string, unknown> = {}): Promise<Page<MentionsCursor>[]> {
  const pages: Page<MentionsCursor>[] = [];
  for await (const page of plugin.stream('mentions').pull(context(token, extra), cursor)) {
    pages.push({ ...page, nextCursor: mentionsCursorSchema.parse(page.nextCursor) });
  }
  return pages;
}

const mentionIds = () => fixtures.filter((n) => n.type === 'mention').map((n) => n.id).reverse();

describe('social-mastodon against a local Mastodon API', () => {
  it('passes the SDK contract check (resumable cursor, stable ids, valid events, no secret logged)', async () => {
    const report = await expectPluginContract(plugin, { config: config(), secrets: { accessToken: TOKEN } });
    expect(report.streams[0]).toMatchObject({ stream: 'mentions', events: 12, pages: 4 });
  });

  it('imports mentions oldest first by following the Link rel="prev" pages with the types[] filter', async () => {
    const pages = await pull(null);
    const events = pages.flatMap((page) => page.events);
    expect(events.map((event) => event.attributes?.notificationId)).toEqual(mentionIds());
    expect(pages.map((page) => page.events.length)).toEqual([4, 4, 4, 0]);
    expect(pages.at(-1)).toMatchObject({ hasMore: false, nextCursor: { minId: mentionIds().at(-1) } });
    const [first, second] = server.requests.map((request) => decodeURIComponent(request.path));
    expect(first).toBe('/api/v1/notifications?types[]=mention&min_id=0&limit=4');
    expect(second).toContain('min_id=');
    expect(second).toContain('types[]=mention');
    expect(events.filter((event) => event.kind === 'COMPLAINT').map((event) => event.customerRef)).toEqual([
      'social:mastodon:@bruno@social.example.net', 'social:mastodon:@gus@mas.example.pt', `social:mastodon:@kofi@hachyderm.example`,
    ]);
    expect(events[0]).toMatchObject({ customerRef: `social:mastodon:@ana_travels@127.0.0.1`, kind: 'MENTION', sentiment: 0.6 });
  });

  it('resumes from the cursor and picks up only newer mentions', async () => {
    const first = await pull(null);
    const cursor = first.at(-1)?.nextCursor ?? null;
    const newest = fixtures[0];
    if (!newest) throw new Error('no fixture');
    server.notifications.unshift({ ...newest, id: '110000000000000300', status: { ...newest.status, id: '110000000000009999', content: '<p>@miradorhotel horrible, rude reception</p>' } });
    const next = await pull(cursor);
    expect(next.flatMap((page) => page.events).map((event) => [event.externalId, event.kind])).toEqual([['status:110000000000009999', 'COMPLAINT']]);
    expect(await pull(next.at(-1)?.nextCursor ?? null)).toEqual([{ events: [], nextCursor: { minId: '110000000000000300' }, hasMore: false }]);
  });

  it('waits for the rate-limit reset on 429 and retries 503', async () => {
    server.rateLimitNext(1);
    server.failNext(0);
    const started = Date.now();
    const pages = await pull(null);
    expect(pages.flatMap((page) => page.events)).toHaveLength(12);
    expect(server.requests[0]?.status).toBe(429);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    server.failNext(1);
    expect((await pull(null)).flatMap((page) => page.events)).toHaveLength(12);
    expect(logLines.some((line) => line.includes('retrying'))).toBe(true);
  });

  it('fails with rate_limited once retries are used up, and auth_failed on a bad token', async () => {
    server.rateLimitNext(2);
    await expect(pull(null, TOKEN, { retries: 1 })).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(pull(null, 'wrong-token-123')).rejects.toMatchObject({ code: 'auth_failed' });
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });

  it('stops with aborted when the run is cancelled while waiting for a rate limit', async () => {
    server.rateLimitNext(3);
    const controller = new AbortController();
    const ctx = createPluginContext({
      config: plugin.assertConfig(config()),
      secrets: { accessToken: TOKEN },
      signal: controller.signal,
      logger: createPluginLogger({ level: 'silent' }),
    });
    setTimeout(() => controller.abort(), 200);
    const run = async () => {
      for await (const page of plugin.stream('mentions').pull(ctx, null)) expect(page).toBeDefined();
    };
    await expect(run()).rejects.toMatchObject({ code: 'aborted' });
  });

  it('tests the connection with verify_credentials', async () => {
    await expect(plugin.testConnection?.(context())).resolves.toBeUndefined();
    await expect(plugin.testConnection?.(context('bad-token-xyz'))).rejects.toMatchObject({ code: 'auth_failed' });
  });
});
