import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plugin } from './index.js';

describe('file-import definition', () => {
  it('declares the version of its package', () => {
    const manifest: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ version: plugin.version, waymark: { role: 'plugin' } });
  });

  it('gives the console a config form with the format, source and mapping fields', () => {
    expect(plugin.configJsonSchema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['format']),
      properties: {
        format: { enum: ['csv', 'ndjson'] },
        pageSize: { default: 1000, maximum: 10000 },
        mapping: { type: 'object', properties: { customerRef: { default: 'customerRef' } } },
      },
    });
  });
});
