import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPluginContext, createPluginLogger } from '@waymark/plugin-sdk';
import type { HttpPolicy, NormalizedEvent, Page } from '@waymark/plugin-sdk';
import { expectPluginContract } from '@waymark/plugin-sdk/testkit';
import { plugin } from './plugin.js';
import { feedCursorSchema } from './streams/reservations.js';
import type { FeedCursor } from './streams/reservations.js';
import { fixtureFeed, IcalServer } from './test-support/ical-server.js';

let server: IcalServer;
const logLines: string[] = [];

beforeEach(async () => {
  server = await new IcalServer({ basicAuth: { username: 'mirador', password: 'feed-pass-9f8e7d' } }).start();
  server.publish(await fixtureFeed('reservations-v1.ics'), new Date('2026-03-01T08:00:00Z'));
});

afterEach(async () => {
  await server.close();
});

function config(extra: Record<string, unknown> = {}) {
  return { feedUrl: server.url, touchpointKey: 'channel-manager', username: 'mirador', pageSize: 2, ...extra };
}

async function pull(cursor: FeedCursor | null, options: { password?: string; http?: HttpPolicy } = {}): Promise<Page<FeedCursor>[]> {
  const password = options.password ?? 'feed-pass-9f8e7d';
  const ctx = createPluginContext({
    config: plugin.assertConfig(config()),
    secrets: { feedPassword: password },
    logger: createPluginLogger({ secrets: [password], level: 'debug', sink: (line) => logLines.push(line) }),
    http: { ...plugin.http, backoffLimitMs: 50, ...options.http },
  });
  const pages: Page<FeedCursor>[] = [];
  for await (const page of plugin.stream('reservations').pull(ctx, cursor)) pages.push({ ...page, nextCursor: feedCursorSchema.parse(page.nextCursor) });
  return pages;
}

const summary = (events: readonly NormalizedEvent[]) => events.map((event) => [event.kind, event.externalId, event.value ?? null]);
const lastCursor = (pages: readonly Page<FeedCursor>[]) => {
  const cursor = pages.at(-1)?.nextCursor;
  if (!cursor) throw new Error('no page');
  return cursor;
};

describe('booking-ical against a local channel-manager feed', () => {
  it('passes the SDK contract check (resumable cursor, stable ids, valid events, no secret logged)', async () => {
    const report = await expectPluginContract(plugin, { config: config(), secrets: { feedPassword: 'feed-pass-9f8e7d' } });
    expect(report.streams[0]).toMatchObject({ stream: 'reservations', events: 6, rejected: 1, pages: 3 });
  });

  it('imports the first feed page by page, then asks with If-None-Match and gets 304 when nothing changed', async () => {
    const first = await pull(null);
    expect(summary(first.flatMap((page) => page.events))).toEqual([
      ['BOOKING', 'RES-10001@seaside-cm.example:0', 567],
      ['BOOKING', 'RES-10002@seaside-cm.example:1', 298.5],
      ['BOOKING', 'RES-10003@seaside-cm.example:0', 1890],
      ['BOOKING', 'RES-10004@seaside-cm.example:0', 420],
      ['CANCELLATION', 'RES-10005@seaside-cm.example:2:cancelled', null],
      ['INQUIRY', 'RES-10006@seaside-cm.example:0:tentative', 880],
    ]);
    expect(first.map((page) => page.hasMore)).toEqual([true, true, false]);
    expect(first[0]?.rejected?.[0]?.reason).toContain('X-BOOKING-AMOUNT "EUR 149" is not a number');
    const again = await pull(lastCursor(first));
    expect(again).toEqual([{ events: [], nextCursor: lastCursor(first), hasMore: false }]);
    expect(server.requests.at(-1)).toMatchObject({ status: 304, ifNoneMatch: lastCursor(first).etag });
  });

  it('turns a new feed version into modifications, cancellations and new bookings without double counting revenue', async () => {
    const first = await pull(null);
    server.publish(await fixtureFeed('reservations-v2.ics'), new Date('2026-03-05T08:00:00Z'));
    const second = await pull(lastCursor(first));
    const events = second.flatMap((page) => page.events);
    expect(summary(events)).toEqual([
      ['CANCELLATION', 'RES-10002@seaside-cm.example:1:superseded', 298.5],
      ['BOOKING', 'RES-10002@seaside-cm.example:2', 447.75],
      ['CANCELLATION', 'RES-10003@seaside-cm.example:1:cancelled', 1890],
      ['INTERACTION', 'RES-10004@seaside-cm.example:1:modified', null],
      ['BOOKING', 'RES-10006@seaside-cm.example:1', 880],
      ['BOOKING', 'RES-10008@seaside-cm.example:0', 612],
    ]);
    const revenue = [...first, ...second].flatMap((page) => page.events)
      .reduce((sum, event) => sum + (event.kind === 'BOOKING' ? event.value ?? 0 : event.kind === 'CANCELLATION' ? -(event.value ?? 0) : 0), 0);
    expect(revenue).toBeCloseTo(567 + 447.75 + 420 + 880 + 612);
    expect(Object.keys(lastCursor(second).bookings)).not.toContain('RES-10005@seaside-cm.example');
    expect(events.find((event) => event.externalId.startsWith('RES-10008'))?.linkedRefs).toEqual(['email:hana.sato@example.jp']);
  });

  it('waits for Retry-After on 429 and fails with rate_limited when the limit persists', async () => {
    server.rateLimitNext(1);
    const pages = await pull(null);
    expect(pages.flatMap((page) => page.events)).toHaveLength(6);
    expect(server.requests.map((request) => request.status)).toEqual([429, 200]);
    server.rateLimitNext(5);
    await expect(pull(null, { http: { retries: 1 } })).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('fails with auth_failed on a wrong password and never logs the password', async () => {
    await expect(pull(null, { password: 'wrong-password-1' })).rejects.toMatchObject({ code: 'auth_failed' });
    expect(server.requests.at(-1)?.status).toBe(401);
    expect(logLines.join('\n')).not.toContain('feed-pass-9f8e7d');
  });

  it('tests the connection with one feed request', async () => {
    const ctx = createPluginContext({ config: plugin.assertConfig(config()), secrets: { feedPassword: 'feed-pass-9f8e7d' }, logger: createPluginLogger({ level: 'silent' }) });
    await expect(plugin.testConnection?.(ctx)).resolves.toBeUndefined();
    const noSecret = createPluginContext({ config: plugin.assertConfig(config()), logger: createPluginLogger({ level: 'silent' }) });
    await expect(plugin.testConnection?.(noSecret)).rejects.toMatchObject({ code: 'secret_missing' });
  });
});
