import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, defineStream } from '../index.js';
import type { NormalizedEvent, PluginContext } from '../index.js';
import { expectPluginContract, runPluginContract, webhookRequest } from './index.js';
import type { Fixture } from './index.js';

// A paged JSON API served from fixtures: /items?offset=N returns 2 items and the next offset.
const ITEMS = Array.from({ length: 7 }, (_, index) => ({ id: `it-${index}`, email: `c${index}@example.com`, score: index }));
const fixtures: Fixture[] = [0, 1, 2, 3, 4, 5, 6, 7].map((offset) => ({
  request: { path: '/items', query: { offset: String(offset) } },
  response: { body: { items: ITEMS.slice(offset, offset + 2), next: offset + 2 < ITEMS.length ? offset + 2 : null } },
}));

const configSchema = z.object({ baseUrl: z.url() });
type Config = z.output<typeof configSchema>;
const pageSchema = z.object({ items: z.array(z.object({ id: z.string(), email: z.string(), score: z.number() })), next: z.number().nullable() });

interface Quirks {
  skipOnResume?: boolean;
  randomIds?: boolean;
  badNps?: boolean;
  printSecret?: boolean;
}

function pagedPlugin(quirks: Quirks = {}) {
  const toEvent = (item: z.output<typeof pageSchema>['items'][number]): NormalizedEvent => ({
    externalId: quirks.randomIds ? `${item.id}-${Math.random()}` : item.id,
    touchpointKey: 'web',
    customerRef: `email:${item.email}`,
    occurredAt: '2026-01-01T00:00:00Z',
    kind: 'SURVEY',
    nps: quirks.badNps && item.score === 3 ? 11 : item.score,
  });
  const items = defineStream({
    name: 'items',
    description: 'items',
    cursor: z.object({ offset: z.number() }),
    async *pull(ctx: PluginContext<Config>, cursor) {
      let offset = cursor ? cursor.offset + (quirks.skipOnResume ? 1 : 0) : 0;
      if (quirks.printSecret) console.log('using token', ctx.secrets.token);
      for (;;) {
        const page = await ctx.http.json(`${ctx.config.baseUrl}/items`, pageSchema, {
          searchParams: { offset },
          headers: { authorization: `Bearer ${ctx.secrets.token ?? ''}` },
        });
        ctx.logger.info('page', { offset, authorization: `Bearer ${ctx.secrets.token ?? ''}` });
        const next = page.next;
        yield { events: page.items.map(toEvent), nextCursor: { offset: next ?? offset + page.items.length }, hasMore: next !== null };
        if (next === null) return;
        offset = next;
      }
    },
  });
  return definePlugin({
    id: 'other-paged',
    name: 'Paged',
    version: '1.0.0',
    category: 'other',
    description: 'paged sample',
    config: configSchema,
    secrets: [{ key: 'token', label: 'Token', required: true }],
    streams: [items],
  });
}

const options = { config: ({ baseUrl }: { baseUrl: string }) => ({ baseUrl }), fixtures, secrets: { token: 'tok-very-secret-1' } };

describe('runPluginContract', () => {
  it('passes a plugin that keeps the contract, resuming from every page', async () => {
    const report = await expectPluginContract(pagedPlugin(), options);
    expect(report.streams).toEqual([{ stream: 'items', pages: 4, events: 7, rejected: 0, resumeChecks: 4 }]);
    expect(report.logLines.length).toBeGreaterThan(0);
    expect(report.logLines.join('')).toContain('[REDACTED]');
  });

  it('catches events lost when resuming from a cursor', async () => {
    const report = await runPluginContract(pagedPlugin({ skipOnResume: true }), options);
    expect(report.ok).toBe(false);
    expect(report.failures.filter((failure) => failure.check === 'resume')).not.toHaveLength(0);
    expect(report.failures[0]?.message).toMatch(/lost: it-2/);
  });

  it('catches external ids that change between pulls', async () => {
    const report = await runPluginContract(pagedPlugin({ randomIds: true }), options);
    expect(report.failures.map((failure) => failure.check)).toContain('ids-stable');
  });

  it('catches invalid events with the field at fault', async () => {
    const report = await runPluginContract(pagedPlugin({ badNps: true }), options);
    expect(report.failures).toContainEqual({ check: 'events-valid', stream: 'items', message: expect.stringMatching(/it-3.*nps: Too big/) });
  });

  it('catches a secret printed to the console', async () => {
    const report = await runPluginContract(pagedPlugin({ printSecret: true }), options);
    expect(report.failures).toContainEqual({ check: 'secrets', message: 'the value of secret "token" appears in a log line' });
  });

  it('reports requests that match no fixture and invalid configs', async () => {
    const missing = await runPluginContract(pagedPlugin(), { ...options, fixtures: fixtures.slice(0, 3) });
    expect(missing.failures.map((failure) => failure.check)).toEqual(expect.arrayContaining(['pull-error', 'fixtures']));
    const badConfig = await runPluginContract(pagedPlugin(), { ...options, config: { baseUrl: 'nope' } });
    expect(badConfig.failures).toEqual([{ check: 'config', message: expect.stringContaining('baseUrl') }]);
  });

  it('checks webhook deliveries: valid ones verify and parse, tampered ones are refused', async () => {
    const plugin = definePlugin({
      id: 'survey-sample',
      name: 'Survey',
      version: '1.0.0',
      category: 'survey',
      description: 'webhook sample',
      config: z.object({}),
      streams: [],
      webhook: {
        verify: (request) => request.headers['x-signature'] === 'good',
        parse: (body) => ({
          events: [{ externalId: 'r1', touchpointKey: 'survey', customerRef: 'email:a@b.co', occurredAt: '2026-01-01T00:00:00Z', kind: 'SURVEY', nps: z.object({ nps: z.number() }).parse(body).nps }],
        }),
      },
    });
    await expectPluginContract(plugin, { config: {}, webhook: { valid: [webhookRequest({ nps: 9 }, { 'X-Signature': 'good' })], invalid: [webhookRequest({ nps: 9 }, { 'x-signature': 'bad' })] } });
    const broken = await runPluginContract(plugin, { config: {}, webhook: { valid: [webhookRequest({ nps: 42 }, { 'x-signature': 'good' })], invalid: [webhookRequest({}, { 'x-signature': 'good' })] } });
    expect(broken.failures.map((failure) => failure.check)).toEqual(['events-valid', 'webhook']);
  });
});
