import { setImmediate as nextTurn } from 'node:timers/promises';
import { definePlugin, defineStream, PluginError } from '@waymark/plugin-sdk';
import type { PluginContext } from '@waymark/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pullPagesAhead } from './index.js';

const config = z.object({ pages: z.number().int(), failAt: z.number().int().optional() });
type Config = z.output<typeof config>;

const log: string[] = [];
const stream = defineStream({
  name: 'numbers',
  description: 'one event per page; fails at page failAt',
  cursor: z.object({ next: z.number().int() }),
  async *pull(ctx: PluginContext<Config>, cursor) {
    try {
      for (let next = cursor?.next ?? 0; next < ctx.config.pages; next += 1) {
        log.push(`pull ${next}`);
        if (next === ctx.config.failAt) throw new PluginError('rate_limited', `page ${next} refused`);
        const event = { externalId: `e${next}`, touchpointKey: 'web', customerRef: `crm:x:${next}`, occurredAt: '2026-01-01T00:00:00Z', kind: 'VIEW' as const };
        yield { events: [event], nextCursor: { next: next + 1 }, hasMore: next + 1 < ctx.config.pages };
      }
    } finally {
      log.push('closed');
    }
  },
});

const plugin = definePlugin({ id: 'other-numbers', name: 'Numbers', version: '1.0.0', category: 'other', description: 'numbers', config, streams: [stream] });
const input = (cfg: Config) => ({ plugin, config: cfg, secrets: {}, stream: 'numbers', cursor: null });

describe('pullPagesAhead', () => {
  it('pulls the next page while the current one is being stored, never more than one ahead', async () => {
    log.length = 0;
    const seen: string[] = [];
    for await (const page of pullPagesAhead(input({ pages: 4 }))) {
      // Storing takes a few turns of the event loop, as a database write does.
      await nextTurn();
      await nextTurn();
      seen.push(`stored ${page.events[0]?.externalId}, pulled ${log.filter((l) => l.startsWith('pull')).length}`);
    }
    expect(seen).toEqual(['stored e0, pulled 2', 'stored e1, pulled 3', 'stored e2, pulled 4', 'stored e3, pulled 4']);
    expect(log.filter((l) => l.startsWith('pull'))).toEqual(['pull 0', 'pull 1', 'pull 2', 'pull 3']);
  });

  it('pulls nothing past maxPages', async () => {
    log.length = 0;
    const stored: string[] = [];
    for await (const page of pullPagesAhead(input({ pages: 4 }), 2)) {
      await nextTurn();
      stored.push(page.events[0]?.externalId ?? '');
    }
    expect(stored).toEqual(['e0', 'e1']);
    expect(log).toEqual(['pull 0', 'pull 1', 'closed']);
  });

  it('reports a failed page when it is asked for, after the pages before it were stored', async () => {
    const stored: string[] = [];
    const run = async () => {
      for await (const page of pullPagesAhead(input({ pages: 4, failAt: 2 }))) stored.push(page.events[0]?.externalId ?? '');
    };
    await expect(run()).rejects.toMatchObject({ code: 'rate_limited' });
    expect(stored).toEqual(['e0', 'e1']);
  });

  it('closes the plugin when the caller stops early, without reporting the failure of a page nobody asked for', async () => {
    log.length = 0;
    for await (const page of pullPagesAhead(input({ pages: 4, failAt: 1 }))) {
      expect(page.events[0]?.externalId).toBe('e0');
      await nextTurn();
      break;
    }
    expect(log).toEqual(['pull 0', 'pull 1', 'closed']);
    log.length = 0;
    for await (const page of pullPagesAhead(input({ pages: 4 }))) {
      if (page.events[0]?.externalId === 'e1') break;
    }
    expect(log).toEqual(['pull 0', 'pull 1', 'pull 2', 'closed']);
  });
});
