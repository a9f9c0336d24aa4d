// Files of a new plugin package. Kept as plain strings so the scaffold needs no template engine.

/** What the templates need to know. */
export interface TemplateInput {
  /** Plugin id and folder name, e.g. `crm-acme`. */
  id: string;
  /** npm package name. */
  packageName: string;
  /** Display name, e.g. `Acme CRM`. */
  displayName: string;
  category: string;
  /** True inside the Waymark monorepo (workspace/catalog versions, shared configs). */
  inWorkspace: boolean;
  /** Version range of @waymark/plugin-sdk outside the monorepo. */
  sdkRange: string;
}

export function packageJson(input: TemplateInput): string {
  const v = (range: string) => (input.inWorkspace ? 'catalog:' : range);
  const manifest = {
    name: input.packageName,
    version: '0.0.0',
    description: `Waymark plugin: ${input.displayName}`,
    license: 'MIT',
    private: false,
    type: 'module',
    waymark: { role: 'plugin' },
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' },
    files: ['dist', 'README.md', 'CHANGELOG.md'],
    engines: { node: '>=20' },
    scripts: {
      build: 'tsc -p tsconfig.build.json',
      typecheck: 'tsc -p tsconfig.json --noEmit',
      test: 'vitest run',
    },
    dependencies: { '@waymark/plugin-sdk': input.inWorkspace ? 'workspace:^' : input.sdkRange, zod: v('^4.1.0') },
    devDependencies: {
      ...(input.inWorkspace ? { '@waymark/config': 'workspace:*' } : {}),
      '@types/node': v('^20.19.0'),
      typescript: v('~5.9.3'),
      vitest: v('~4.1.0'),
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const STANDALONE_COMPILER_OPTIONS = {
  target: 'ES2023',
  lib: ['ES2023'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
  declaration: true,
  sourceMap: true,
  types: ['node'],
};

export function tsconfig(input: TemplateInput): string {
  const base = input.inWorkspace
    ? { extends: '@waymark/config/tsconfig.base.json', compilerOptions: { noEmit: true } }
    : { compilerOptions: { ...STANDALONE_COMPILER_OPTIONS, noEmit: true } };
  return `${JSON.stringify({ ...base, include: ['src'] }, null, 2)}\n`;
}

export function tsconfigBuild(): string {
  const build = {
    extends: './tsconfig.json',
    compilerOptions: { outDir: 'dist', rootDir: 'src', noEmit: false },
    include: ['src'],
    exclude: ['src/**/*.test.ts'],
  };
  return `${JSON.stringify(build, null, 2)}\n`;
}

export function vitestConfig(input: TemplateInput): string {
  if (!input.inWorkspace) {
    return `import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { testTimeout: 60_000 } });
`;
  }
  return `import { defineConfig } from 'vitest/config';
import { waymarkTestReporters } from '@waymark/config/vitest';

export default defineConfig({
  test: {
    reporters: waymarkTestReporters,
    testTimeout: 60_000,
  },
});
`;
}

export function pluginTs(input: TemplateInput): string {
  return `import { definePlugin } from '@waymark/plugin-sdk';
import { configSchema } from './config.js';
import { items, itemsPage } from './streams/items.js';
import { packageVersion } from './version.js';

/** ${input.displayName}: the definition Waymark loads from this package's \`plugin\` export. */
export const plugin = definePlugin({
  id: '${input.id}',
  name: '${input.displayName}',
  version: packageVersion(),
  category: '${input.category}',
  description: 'Imports items from the ${input.displayName} API as Waymark events.',
  config: configSchema,
  secrets: [{ key: 'apiToken', label: 'API token', description: 'Token with read access to items', required: true }],
  streams: [items],
  // Be a good API citizen: at most 10 requests per second, retries with backoff.
  http: { rateLimit: { limit: 10, intervalMs: 1000 }, retries: 4, timeoutMs: 20_000 },
  async testConnection(ctx) {
    await ctx.http.json(\`\${ctx.config.baseUrl}/items\`, itemsPage, {
      searchParams: { limit: 1 },
      headers: { authorization: \`Bearer \${ctx.secrets.apiToken ?? ''}\` },
    });
  },
});
`;
}

export function configTs(): string {
  return `import { z } from 'zod';

/** The integration's settings: one schema gives the type, validation and the console form. */
export const configSchema = z.object({
  baseUrl: z.url().describe('Base URL of the API, e.g. https://api.example.com/v1'),
  touchpointKey: z.string().min(1).default('web').describe('Touchpoint the events belong to'),
  pageSize: z.number().int().min(1).max(100).default(50).describe('Items per request'),
});

export type Config = z.output<typeof configSchema>;
`;
}

export function streamTs(): string {
  return `import { defineStream } from '@waymark/plugin-sdk';
import type { NormalizedEvent, PluginContext } from '@waymark/plugin-sdk';
import { z } from 'zod';
import type { Config } from '../config.js';

/** The API's page format (validated: a changed API fails loudly, not silently). */
export const itemsPage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      createdAt: z.string(),
      type: z.enum(['view', 'purchase']),
      amount: z.number().optional(),
    }),
  ),
  hasMore: z.boolean(),
});

type Item = z.output<typeof itemsPage>['items'][number];

/** Maps one API item to a Waymark event. The external id must never change for the same item. */
export function toEvent(item: Item, config: Config): NormalizedEvent {
  const event: NormalizedEvent = {
    externalId: item.id,
    touchpointKey: config.touchpointKey,
    customerRef: \`email:\${item.email.toLowerCase()}\`,
    occurredAt: new Date(item.createdAt).toISOString(),
    kind: item.type === 'purchase' ? 'PURCHASE' : 'VIEW',
  };
  if (item.amount !== undefined) event.value = item.amount;
  return event;
}

/**
 * Items, oldest first. The cursor is the id of the last item of the committed page: the next
 * pull asks for the items after it, so a sync resumes exactly there and later syncs only get new
 * items.
 */
export const items = defineStream({
  name: 'items',
  description: 'Items, oldest first',
  cursor: z.object({ after: z.string().nullable() }),
  async *pull(ctx: PluginContext<Config>, cursor) {
    let after = cursor?.after ?? null;
    for (;;) {
      const searchParams: Record<string, string | number> = { limit: ctx.config.pageSize };
      if (after !== null) searchParams.after = after;
      const body = await ctx.http.json(\`\${ctx.config.baseUrl}/items\`, itemsPage, {
        searchParams,
        headers: { authorization: \`Bearer \${ctx.secrets.apiToken ?? ''}\` },
      });
      ctx.logger.debug('items page', { count: body.items.length });
      after = body.items.at(-1)?.id ?? after;
      yield { events: body.items.map((item) => toEvent(item, ctx.config)), nextCursor: { after }, hasMore: body.hasMore };
      if (!body.hasMore) return;
    }
  },
});
`;
}

export function versionTs(input: TemplateInput): string {
  return `import { readFileSync } from 'node:fs';

// package.json is the single source of the version (changesets bumps it); src/ and dist/ are
// both one level below the package root.
export function packageVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const version: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'version') : undefined;
  if (typeof version !== 'string') throw new Error('${input.packageName}: package.json has no version');
  return version;
}
`;
}

export function indexTs(): string {
  return `export { plugin } from './plugin.js';
`;
}

export function unitTest(input: TemplateInput): string {
  return `import { describe, expect, it } from 'vitest';
import { plugin } from './plugin.js';
import { toEvent } from './streams/items.js';

describe('${input.id}', () => {
  it('explains config mistakes per field', () => {
    const result = plugin.parseConfig({ baseUrl: 'not a url' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toEqual(['baseUrl']);
  });

  it('maps a purchase to a PURCHASE event with its amount', () => {
    const config = plugin.assertConfig({ baseUrl: 'https://api.example.com' });
    const event = toEvent({ id: 'i-1', email: 'Ana@Example.com', createdAt: '2026-01-02T03:04:05Z', type: 'purchase', amount: 42 }, config);
    expect(event).toEqual({
      externalId: 'i-1',
      touchpointKey: 'web',
      customerRef: 'email:ana@example.com',
      occurredAt: '2026-01-02T03:04:05.000Z',
      kind: 'PURCHASE',
      value: 42,
    });
  });
});
`;
}

export function contractTest(input: TemplateInput): string {
  return `import { join } from 'node:path';
import { expectPluginContract } from '@waymark/plugin-sdk/testkit';
import { describe, expect, it } from 'vitest';
import { plugin } from './plugin.js';

// Recorded API responses, replayed by the test kit on a local port.
const fixtures = join(import.meta.dirname, '..', 'fixtures');

describe('${input.id} contract', () => {
  it('keeps the Waymark plugin contract against recorded responses', async () => {
    const report = await expectPluginContract(plugin, {
      config: ({ baseUrl }: { baseUrl: string }) => ({ baseUrl, pageSize: 2 }),
      secrets: { apiToken: 'test-token-do-not-log' },
      fixtures,
    });
    expect(report.streams).toEqual([{ stream: 'items', pages: 2, events: 3, rejected: 0, resumeChecks: 2 }]);
  });
});
`;
}

export function fixtureFiles(): Record<string, string> {
  const item = (id: string, day: string, type: string, amount?: number) => ({
    id,
    email: `${id}@example.com`,
    createdAt: `2026-01-${day}T10:00:00Z`,
    type,
    ...(amount === undefined ? {} : { amount }),
  });
  const files = {
    'items-page-1.json': {
      request: { path: '/items', query: { limit: '2' } },
      response: { body: { items: [item('i-1', '01', 'view'), item('i-2', '02', 'purchase', 120)], hasMore: true } },
    },
    'items-page-2.json': {
      request: { path: '/items', query: { limit: '2', after: 'i-2' } },
      response: { body: { items: [item('i-3', '03', 'view')], hasMore: false } },
    },
    'items-page-3-empty.json': {
      request: { path: '/items', query: { limit: '2', after: 'i-3' } },
      response: { body: { items: [], hasMore: false } },
    },
    'items-limit-1.json': {
      request: { path: '/items', query: { limit: '1' } },
      response: { body: { items: [item('i-1', '01', 'view')], hasMore: true } },
    },
  };
  return Object.fromEntries(Object.entries(files).map(([name, value]) => [name, `${JSON.stringify(value, null, 2)}\n`]));
}

export function readme(input: TemplateInput): string {
  const tick = '`';
  const code = (text: string) => `${tick}${text}${tick}`;
  return [
    `# ${input.packageName}`,
    '',
    `${input.displayName} plugin for Waymark. Category: ${code(input.category)}.`,
    '',
    '## Configuration',
    '',
    '| field | meaning |',
    '|---|---|',
    `| ${code('baseUrl')} | Base URL of the API |`,
    `| ${code('touchpointKey')} | Touchpoint the events belong to (default ${code('web')}) |`,
    `| ${code('pageSize')} | Items per request (default 50) |`,
    '',
    `Secret: ${code('apiToken')} (required).`,
    '',
    '## Develop',
    '',
    `${tick.repeat(3)}sh`,
    'pnpm test    # unit tests + the SDK contract test against fixtures/',
    'pnpm build   # compiles to dist/',
    tick.repeat(3),
    '',
    `Recorded responses live in ${code('fixtures/*.json')} as ${code('{ request: { path, query }, response: { status, headers, body } }')}.`,
    'Versioning and publishing: see the partner guide in the README of @waymark/plugin-sdk.',
    '',
  ].join('\n');
}

export function changeset(input: TemplateInput): string {
  return `---\n'${input.packageName}': minor\n---\n\nInitial release of the ${input.displayName} plugin.\n`;
}

export function eslintConfig(): string {
  return `import { waymarkEslint } from '@waymark/config/eslint';\n\nexport default waymarkEslint();\n`;
}
