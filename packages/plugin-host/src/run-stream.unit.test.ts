import { definePlugin, defineStream } from '@waymark/plugin-sdk';
import type { NormalizedEvent, PluginContext } from '@waymark/plugin-sdk';
import { webhookRequest } from '@waymark/plugin-sdk/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pullPages, receiveWebhook, runStreamPage, testPluginConnection } from './index.js';

const config = z.object({ total: z.number().int() });
type Config = z.output<typeof config>;

function event(n: number): NormalizedEvent {
  return { externalId: `e${n}`, touchpointKey: 'web', customerRef: `email:c${n}@x.io`, occurredAt: '2026-01-01T00:00:00Z', kind: 'VIEW' };
}

const pulls: number[] = [];
const counter = defineStream({
  name: 'counter',
  description: 'two events per page; every 5th event invalid',
  cursor: z.object({ next: z.number().int() }),
  async *pull(ctx: PluginContext<Config>, cursor) {
    for (let next = cursor?.next ?? 0; next < ctx.config.total; next += 2) {
      pulls.push(next);
      const events = [next, next + 1].filter((n) => n < ctx.config.total).map((n) => (n % 5 === 4 ? { ...event(n), nps: 99 } : event(n)));
      yield { events, nextCursor: { next: next + 2 }, hasMore: next + 2 < ctx.config.total };
    }
  },
});

const plugin = definePlugin({
  id: 'other-counter',
  name: 'Counter',
  version: '1.0.0',
  category: 'other',
  description: 'counts',
  config,
  secrets: [{ key: 'token', label: 'Token', required: true }],
  streams: [counter],
  async testConnection(ctx) {
    if (ctx.secrets.token !== 'good-token') throw new Error('bad token');
  },
  webhook: {
    verify: (request) => request.headers['x-token'] === 'good-token',
    parse: (body) => ({ events: [event(1), { ...event(2), nps: 99 }], links: [{ refs: ['email:a@x.io', 'crm:acme:1'] }], rejected: [{ reason: 'upstream said so', payload: body }] }),
  },
});

const base = { plugin, config: { total: 7 }, secrets: { token: 'good-token' }, stream: 'counter' };

describe('runStreamPage', () => {
  it('returns the first page from a cursor with invalid events moved to rejected', async () => {
    const page = await runStreamPage({ ...base, cursor: { next: 4 } });
    expect(page.events.map((e) => e.externalId)).toEqual(['e5']);
    expect(page.rejected).toEqual([{ externalId: 'e4', reason: expect.stringMatching(/^invalid event: nps: Too big/), payload: { ...event(4), nps: 99 } }]);
    expect(page).toMatchObject({ nextCursor: { next: 6 }, hasMore: true });
  });

  it('refuses a stored cursor that does not match the stream schema', async () => {
    await expect(runStreamPage({ ...base, cursor: { offset: 'x' } })).rejects.toMatchObject({ code: 'cursor_invalid' });
  });

  it('refuses invalid config and missing required secrets before calling the plugin', async () => {
    await expect(runStreamPage({ ...base, config: { total: 'many' }, cursor: null })).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringContaining('total') });
    await expect(runStreamPage({ ...base, secrets: {}, cursor: null })).rejects.toMatchObject({ code: 'secret_missing', message: 'Counter needs: Token' });
  });
});

describe('pullPages', () => {
  it('pulls lazily: the next page is requested only after the previous one was consumed', async () => {
    pulls.length = 0;
    const cursors: unknown[] = [];
    for await (const page of pullPages({ ...base, cursor: null })) {
      cursors.push(page.nextCursor);
      expect(pulls).toHaveLength(cursors.length);
    }
    expect(cursors).toEqual([{ next: 2 }, { next: 4 }, { next: 6 }, { next: 8 }]);
  });

  it('yields one empty page keeping the cursor when the stream has nothing new', async () => {
    const pages = [];
    for await (const page of pullPages({ ...base, cursor: { next: 10 } })) pages.push(page);
    expect(pages).toEqual([{ events: [], links: [], rejected: [], nextCursor: { next: 10 }, hasMore: false }]);
  });
});

describe('receiveWebhook', () => {
  it('parses verified deliveries and validates their events', async () => {
    const outcome = await receiveWebhook({ plugin, config: { total: 1 }, secrets: base.secrets, request: webhookRequest({ a: 1 }, { 'x-token': 'good-token' }) });
    expect(outcome).toMatchObject({ verified: true, events: [event(1)], links: [{ refs: ['email:a@x.io', 'crm:acme:1'] }] });
    if (!outcome.verified) return;
    expect(outcome.rejected.map((r) => r.reason)).toEqual(['upstream said so', expect.stringMatching(/^invalid event: nps:/)]);
  });

  it('refuses unverified deliveries without parsing them', async () => {
    const outcome = await receiveWebhook({ plugin, config: { total: 1 }, secrets: base.secrets, request: webhookRequest('not json', { 'x-token': 'forged' }) });
    expect(outcome).toEqual({ verified: false });
  });
});

describe('testPluginConnection', () => {
  it('returns the failure as data for the console', async () => {
    expect(await testPluginConnection({ ...base })).toEqual({ ok: true });
    expect(await testPluginConnection({ ...base, secrets: { token: 'nope' } })).toEqual({ ok: false, code: 'internal', message: 'bad token' });
    expect(await testPluginConnection({ ...base, config: {} })).toMatchObject({ ok: false, code: 'config_invalid' });
  });
});
