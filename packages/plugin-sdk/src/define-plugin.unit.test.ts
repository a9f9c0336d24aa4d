import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPluginContext, definePlugin, defineStream, isPluginError, PluginError } from './index.js';
import type { PluginContext, PluginDefinition } from './index.js';

const configSchema = z.object({
  baseUrl: z.url().describe('API base URL'),
  pageSize: z.number().int().min(1).max(500).default(50),
  mode: z.enum(['full', 'incremental']),
});
type Config = z.output<typeof configSchema>;

const items = defineStream({
  name: 'items',
  description: 'Items by offset',
  cursor: z.object({ offset: z.number() }),
  async *pull(ctx: PluginContext<Config>, cursor) {
    const offset = cursor?.offset ?? 0;
    yield { events: [], nextCursor: { offset: offset + ctx.config.pageSize }, hasMore: false };
  },
});

function samplePlugin(overrides: Partial<Parameters<typeof definePlugin<Config>>[0]> = {}): PluginDefinition<Config> {
  return definePlugin({
    id: 'other-sample',
    name: 'Sample',
    version: '1.2.3',
    category: 'other',
    description: 'A sample plugin',
    config: configSchema,
    secrets: [{ key: 'token', label: 'API token', required: true }],
    streams: [items],
    ...overrides,
  });
}

// The sample plugin with another config schema (its stream does not read the config).
function withConfig(config: z.ZodType): PluginDefinition<unknown> {
  const stream = defineStream({ name: 'items', description: 'Nothing', async *pull() {} });
  return definePlugin({ id: 'other-sample', name: 'Sample', version: '1.2.3', category: 'other', description: 'A sample plugin', config, streams: [stream] });
}

describe('definePlugin', () => {
  it('exposes the config as JSON Schema for the console form', () => {
    const schema = samplePlugin().configJsonSchema;
    expect(schema).toMatchObject({
      type: 'object',
      properties: {
        baseUrl: { type: 'string', format: 'uri', description: 'API base URL' },
        pageSize: { type: 'integer', default: 50, minimum: 1, maximum: 500 },
        mode: { enum: ['full', 'incremental'] },
      },
      required: ['baseUrl', 'mode'],
    });
  });

  it('parses a valid config and applies defaults', () => {
    expect(samplePlugin().parseConfig({ baseUrl: 'https://api.example.com', mode: 'full' })).toEqual({
      ok: true,
      config: { baseUrl: 'https://api.example.com', pageSize: 50, mode: 'full' },
      unknownKeys: [],
    });
  });

  it('names the settings the schema does not declare, nested ones by their dotted path', () => {
    const plugin = withConfig(z.object({ baseUrl: z.url(), mapping: z.object({ id: z.string() }), lanes: z.array(z.object({ key: z.string() })) }));
    const result = plugin.parseConfig({ baseUrl: 'https://api.example.com', pagesize: 10, mapping: { id: 'a', idd: 'b' }, lanes: [{ key: 'x' }, { key: 'y', kee: 'z' }] });
    expect(result).toMatchObject({ ok: true, unknownKeys: ['pagesize', 'mapping.idd', 'lanes.1.kee'] });
    // A schema that keeps extra keys on purpose (a record, a loose object) has none to report.
    const loose = withConfig(z.looseObject({ tags: z.record(z.string(), z.string()) }));
    expect(loose.parseConfig({ tags: { any: 'x' }, extra: 1 })).toMatchObject({ ok: true, unknownKeys: [] });
  });

  it('reports every config problem with its field path', () => {
    const result = samplePlugin().parseConfig({ baseUrl: 'not a url', pageSize: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path)).toEqual(['baseUrl', 'pageSize', 'mode']);
    expect(result.message).toMatch(/^Invalid Sample configuration: baseUrl: .*; pageSize: .*; mode: /);
  });

  it('assertConfig throws config_invalid with the issues as details', () => {
    const error: unknown = (() => {
      try {
        samplePlugin().assertConfig({});
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    expect(isPluginError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'config_invalid', details: { issues: expect.any(Array) } });
  });

  it('rejects malformed declarations with plugin_invalid', () => {
    expect(() => samplePlugin({ id: 'Bad Id' })).toThrowError(/id "Bad Id" must be kebab-case/);
    expect(() => samplePlugin({ version: 'v1' })).toThrowError(/version "v1" must be semver/);
    expect(() => samplePlugin({ streams: [] })).toThrowError(/at least one stream or a webhook/);
    expect(() => samplePlugin({ streams: [items, items] })).toThrowError(/stream "items" is declared twice/);
  });

  it('finds streams by name and names the known ones when missing', () => {
    const plugin = samplePlugin();
    expect(plugin.stream('items').name).toBe('items');
    expect(() => plugin.stream('nope')).toThrowError(new PluginError('not_supported', 'Plugin other-sample has no stream "nope" (streams: items)'));
  });

  it('keeps testConnection and webhook when declared', async () => {
    let called = false;
    const plugin = samplePlugin({
      async testConnection() {
        called = true;
      },
      webhook: { verify: () => true, parse: () => ({ events: [] }) },
    });
    expect(plugin.webhook).toBeDefined();
    await plugin.testConnection?.(createPluginContext({ config: plugin.assertConfig({ baseUrl: 'https://x.example', mode: 'full' }) }));
    expect(called).toBe(true);
  });
});

describe('PluginError', () => {
  it('marks rate limits and outages as retryable, the rest not', () => {
    expect(new PluginError('rate_limited', 'slow down').retryable).toBe(true);
    expect(new PluginError('upstream_unavailable', 'down').retryable).toBe(true);
    expect(new PluginError('auth_failed', 'no').retryable).toBe(false);
  });
});
