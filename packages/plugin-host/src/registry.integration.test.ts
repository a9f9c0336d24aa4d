import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginRegistry, pullPages } from './index.js';

// The fake app lives inside this package so its plugin resolves @waymark/plugin-sdk and zod
// through the package's node_modules, as an installed npm plugin would.
const appDir = join(import.meta.dirname, '..', `.test-app-${process.pid}`);

const acmePlugin = `
import { z } from 'zod';
import { definePlugin, defineStream } from '@waymark/plugin-sdk';
export const plugin = definePlugin({
  id: 'crm-acme', name: 'Acme CRM', version: '2.1.0', category: 'crm', description: 'Acme contacts',
  config: z.object({ region: z.enum(['eu', 'us']) }),
  secrets: [{ key: 'apiKey', label: 'API key', required: true }],
  streams: [defineStream({ name: 'contacts', description: 'Contacts', async *pull() { yield { events: [], nextCursor: null, hasMore: false }; } })],
});
`;

async function writePackage(name: string, manifest: Record<string, unknown>, source: string): Promise<void> {
  const dir = join(appDir, 'node_modules', name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', ...manifest }));
  await writeFile(join(dir, 'index.js'), source);
}

beforeAll(async () => {
  await mkdir(appDir, { recursive: true });
  const dependencies = { 'acme-crm-plugin': '1.0.0', 'left-pad-ish': '1.0.0', 'broken-plugin': '1.0.0', 'missing-dep': '1.0.0' };
  await writeFile(join(appDir, 'package.json'), JSON.stringify({ name: 'host-app', dependencies }));
  await writePackage('acme-crm-plugin', { exports: { '.': { import: './index.js' } }, waymark: { role: 'plugin' } }, acmePlugin);
  await writePackage('left-pad-ish', { main: 'index.js' }, 'export const pad = 1;');
  await writePackage('broken-plugin', { main: 'index.js', waymark: { role: 'plugin' } }, 'export const plugin = { kind: "nope" };');
});

afterAll(async () => {
  await rm(appDir, { recursive: true, force: true });
});

describe('createPluginRegistry', () => {
  it('discovers plugin-role packages among the app dependencies and reports them as PluginInfo', async () => {
    const registry = await createPluginRegistry({ appDir, bundled: false });
    expect(registry.list()).toEqual([
      {
        id: 'crm-acme',
        name: 'Acme CRM',
        version: '2.1.0',
        category: 'crm',
        description: 'Acme contacts',
        configSchema: expect.objectContaining({ type: 'object', required: ['region'] }),
        secrets: [{ key: 'apiKey', label: 'API key', required: true }],
        streams: [{ name: 'contacts', description: 'Contacts' }],
        supportsWebhook: false,
        supportsTestConnection: false,
        packageName: 'acme-crm-plugin',
      },
    ]);
    expect(registry.get('crm-acme')?.name).toBe('Acme CRM');
  });

  it('lists packages that claim the plugin role but export no valid definition, and ignores the rest', async () => {
    const registry = await createPluginRegistry({ appDir, bundled: false });
    expect(registry.problems).toEqual([
      { packageName: 'broken-plugin', reason: 'exports an invalid plugin: the export was not built with definePlugin() from @waymark/plugin-sdk' },
    ]);
  });

  it('names the installed plugins when an unknown id is required', async () => {
    const registry = await createPluginRegistry({ appDir, bundled: false });
    expect(() => registry.require('crm-nope')).toThrowError('No plugin "crm-nope" is installed (installed: crm-acme)');
  });

  it('loads the bundled plugins that export a definition, each valid', async () => {
    const registry = await createPluginRegistry({ appDir: false });
    expect(registry.problems).toEqual([]);
    for (const info of registry.list()) {
      expect(info.packageName).toMatch(/^@waymark\/plugin-/);
      expect(info.configSchema).toMatchObject({ type: 'object' });
    }
    expect(registry.list().map((info) => info.id)).toContain('file-import');
  });
});

describe('bundled file-import through the host', () => {
  it('pulls every page of a CSV export, committing cursors in order, with bad rows as rejected records', async () => {
    const registry = await createPluginRegistry({ appDir: false });
    const path = join(import.meta.dirname, '..', '..', '..', 'plugins', 'file-import', 'fixtures', 'bookings.csv');
    const config = {
      format: 'csv',
      path,
      mapping: { externalId: 'id', customerRef: 'email', occurredAt: 'when', touchpointKey: 'touchpoint', kind: 'kind', value: 'amount', nps: 'nps', text: 'comment' },
      pageSize: 5,
    };
    const offsets: number[] = [];
    let events = 0;
    let rejected = 0;
    for await (const page of pullPages({ plugin: registry.require('file-import'), config, secrets: {}, stream: 'rows', cursor: null })) {
      const cursor: unknown = page.nextCursor;
      offsets.push(typeof cursor === 'object' && cursor !== null ? Number(Reflect.get(cursor, 'offset')) : -1);
      events += page.events.length;
      rejected += page.rejected.length;
    }
    expect({ events, rejected }).toEqual({ events: 7, rejected: 6 });
    expect(offsets).toHaveLength(3);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
  });
});
