import { appendFile, copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPluginContext } from '@waymark/plugin-sdk';
import type { Page } from '@waymark/plugin-sdk';
import { expectPluginContract } from '@waymark/plugin-sdk/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugin } from './index.js';
import type { FileCursor } from './index.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const csvPath = join(fixtures, 'bookings.csv');
const ndjsonPath = join(fixtures, 'events.ndjson');

const csvConfig = {
  format: 'csv',
  path: csvPath,
  source: 'pms-export',
  mapping: { externalId: 'id', customerRef: 'email', occurredAt: 'when', touchpointKey: 'touchpoint', kind: 'kind', value: 'amount', nps: 'nps', text: 'comment' },
  pageSize: 4,
};
const ndjsonConfig = {
  format: 'ndjson',
  path: ndjsonPath,
  touchpointKey: 'web',
  mapping: { externalId: 'id', customerRef: 'customer.email', linkedRefs: 'customer.crmId', occurredAt: 'at', touchpointKey: 'touchpoint', kind: 'kind', csat: 'csat', sentiment: 'sentiment', text: 'text', value: 'value' },
  pageSize: 2,
};

async function pullAll(config: unknown, cursor: FileCursor | null = null): Promise<Page<unknown>[]> {
  const ctx = createPluginContext({ config: plugin.assertConfig(config) });
  const pages: Page<unknown>[] = [];
  for await (const page of plugin.stream('rows').pull(ctx, cursor)) pages.push(page);
  return pages;
}

describe('file-import plugin, CSV', () => {
  it('maps good rows to events and turns each bad row into a rejected record with row, line and reason', async () => {
    const pages = await pullAll(csvConfig);
    const events = pages.flatMap((page) => page.events);
    const rejected = pages.flatMap((page) => page.rejected ?? []);
    expect(events.map((event) => event.externalId)).toEqual(['b-1', 'b-2', 'b-3', 'b-6', 'b-11', 'b-12', 'b-13']);
    expect(events[0]).toEqual({
      externalId: 'b-1', touchpointKey: 'front-desk', customerRef: 'email:ana@example.com', occurredAt: '2026-03-01T10:00:00.000Z',
      kind: 'BOOKING', value: 189.5, text: 'Booked a room, sea view', attributes: { room: '101' },
    });
    expect(events[1]).toMatchObject({ occurredAt: '2026-03-01T11:30:00.000Z', kind: 'BOOKING' });
    expect(events[2]).toMatchObject({ nps: 9, text: 'Lovely staff\nand a "great" breakfast', occurredAt: '2026-03-02T00:00:00.000Z' });
    expect(events[3]).toMatchObject({ occurredAt: '2026-03-02T10:00:00.000Z', text: 'asked about "tours"' });
    expect(rejected.map((record) => record.reason)).toEqual([
      'row 4 (line 6): customerRef: column "email" is empty',
      'row 5 (line 7): occurredAt: "not-a-date" is not an ISO-8601 date/time or epoch number',
      'row 7 (line 9): nps: "eleven" is not a number',
      expect.stringMatching(/^row 8 \(line 10\): kind: "LIKE" is not one of VIEW, CLICK/),
      'row 9 (line 11): has 6 fields, the header has 9',
      'row 10 (line 12): invalid CSV: Invalid Closing Quote: got "q" instead of delimiter, record delimiter, trimable character (if activated) or comment',
    ]);
    expect(rejected[0]).toMatchObject({ externalId: 'b-4', payload: { row: 4, line: 6, raw: 'b-4,,2026-03-02T09:00:00Z,front-desk,SURVEY,,8,missing customer,' } });
  });

  it('pages by pageSize with hasMore false only on the last page, its cursor at the end of the file', async () => {
    const pages = await pullAll(csvConfig);
    expect(pages.map((page) => page.events.length + (page.rejected?.length ?? 0))).toEqual([4, 4, 4, 1]);
    expect(pages.map((page) => page.hasMore)).toEqual([true, true, true, false]);
    expect(pages.at(-1)?.nextCursor).toEqual({ offset: (await stat(csvPath)).size, row: 13, line: 17 });
  });

  it('keeps the contract: valid events, stable ids, exact resume from every cursor', async () => {
    const report = await expectPluginContract(plugin, { config: { ...csvConfig, pageSize: 2 } });
    expect(report.streams[0]).toMatchObject({ pages: 7, events: 7, rejected: 6 });
  });

  it('imports only the appended rows when a grown file is synced again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'file-import-'));
    try {
      const path = join(dir, 'grow.csv');
      await copyFile(csvPath, path);
      const first = await pullAll({ ...csvConfig, path });
      const cursor = first.at(-1)?.nextCursor;
      await appendFile(path, 'b-14,max@example.com,2026-03-07T10:00:00Z,spa,PURCHASE,30,,,\n');
      const again = await pullAll({ ...csvConfig, path }, cursor as FileCursor);
      expect(again.flatMap((page) => page.events.map((event) => event.externalId))).toEqual(['b-14']);
      expect(again.at(-1)?.nextCursor).toMatchObject({ row: 14, line: 18 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails with config_invalid naming the missing columns and those found', async () => {
    await expect(pullAll({ ...csvConfig, mapping: { ...csvConfig.mapping, customerRef: 'mail' } })).rejects.toMatchObject({
      code: 'config_invalid',
      message: 'Mapped columns missing from the header: customerRef → "mail". Columns found: id, email, when, touchpoint, kind, amount, nps, comment, room',
    });
  });

  it('explains config mistakes per field', () => {
    const result = plugin.parseConfig({ format: 'xlsx', path: 'a', url: 'https://x.example/f.csv' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path)).toEqual(['format']);
    const both = plugin.parseConfig({ format: 'csv', path: 'a', url: 'https://x.example/f.csv', touchpointKey: 'web', kind: 'VIEW' });
    expect(both).toMatchObject({ ok: false, issues: [{ path: 'path', message: 'set exactly one of "path" or "url"' }] });
  });

  it('reports a missing file as config_invalid in testConnection and pulls', async () => {
    const ctx = createPluginContext({ config: plugin.assertConfig({ ...csvConfig, path: '/nope/missing.csv' }) });
    await expect(plugin.testConnection?.(ctx)).rejects.toMatchObject({ code: 'config_invalid', message: 'File /nope/missing.csv does not exist on the worker' });
  });
});

describe('file-import plugin, NDJSON', () => {
  it('maps nested keys, links identities, rejects bad lines and keeps the last unterminated line', async () => {
    const pages = await pullAll(ndjsonConfig);
    const events = pages.flatMap((page) => page.events);
    expect(events.map((event) => event.externalId)).toEqual(['n-1', 'n-2', 'n-3', 'n-5', 'n-6']);
    expect(events[0]).toMatchObject({ customerRef: 'email:ana@example.com', linkedRefs: ['crm:hubspot:1'], sentiment: 0.6, kind: 'INTERACTION' });
    expect(events[1]).toMatchObject({ attributes: { channel: 'app' } });
    expect(events[2]).toMatchObject({ touchpointKey: 'web', csat: 4 });
    expect(pages.flatMap((page) => page.rejected ?? []).map((record) => record.reason)).toEqual([
      expect.stringMatching(/^row 3 \(line 3\): invalid JSON: /),
      'row 4 (line 4): is not a JSON object',
      expect.stringMatching(/^row 6 \(line 6\): csat: Too big/),
    ]);
  });

  it('keeps the contract', async () => {
    await expectPluginContract(plugin, { config: ndjsonConfig });
  });
});

describe('file-import plugin over HTTP', () => {
  let server: Server;
  let baseUrl = '';
  const ranges: Array<string | undefined> = [];

  beforeAll(async () => {
    const body = await readFile(csvPath);
    server = createServer((req, res) => {
      ranges.push(req.headers.range);
      const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const start = match ? Number(match[1]) : 0;
      if (req.url === '/no-range.csv' || !match) {
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.end(body);
      } else if (start >= body.length) {
        res.writeHead(416);
        res.end();
      } else {
        res.writeHead(206, { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
        res.end(body.subarray(start));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('resumes with Range requests and keeps the contract', async () => {
    await expectPluginContract(plugin, { config: { ...csvConfig, path: undefined, url: `${baseUrl}/bookings.csv`, pageSize: 3 } });
    expect(ranges.some((range) => range !== undefined && range !== 'bytes=0-0')).toBe(true);
  });

  it('skips already imported bytes when the server ignores Range', async () => {
    await expectPluginContract(plugin, { config: { ...csvConfig, path: undefined, url: `${baseUrl}/no-range.csv`, pageSize: 5 } });
  });
});
