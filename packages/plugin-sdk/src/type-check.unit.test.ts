import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, defineStream } from './index.js';
import type { PluginContext, PluginDefinition } from './index.js';

const configSchema = z.object({ baseUrl: z.url(), pageSize: z.number().int().default(50) });
type Config = z.output<typeof configSchema>;

const items = defineStream({
  name: 'items',
  description: 'items',
  cursor: z.object({ offset: z.number() }),
  async *pull(ctx: PluginContext<Config>, cursor) {
    const offset = cursor?.offset ?? 0;
    yield { events: [], nextCursor: { offset: offset + ctx.config.pageSize }, hasMore: false };
  },
});

describe('definePlugin typing', () => {
  it('infers the config type and is assignable to the generic definition', () => {
    const plugin = definePlugin({
      id: 'other-sample',
      name: 'Sample',
      version: '1.0.0',
      category: 'other',
      description: 'sample',
      config: configSchema,
      streams: [items],
      async testConnection(ctx) {
        expect(ctx.config.baseUrl).toBeTypeOf('string');
      },
    });
    const generic: PluginDefinition = plugin;
    expect(generic.id).toBe('other-sample');
  });
});
