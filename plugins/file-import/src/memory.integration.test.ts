import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createPluginContext } from '@waymark/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugin } from './index.js';

// Rows ~200 bytes, with quoted text, like a real export. Written in 4 MiB chunks.
async function writeCsv(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  out.write('id,email,when,touchpoint,kind,amount,comment\n');
  let chunk = '';
  for (let i = 0; i < rows; i += 1) {
    chunk += `r-${i},guest${i % 5000}@example.com,2026-03-01T10:${String(i % 60).padStart(2, '0')}:00Z,front-desk,PURCHASE,${i % 300},"Comment ${i}: stay was fine, thanks for the ""tour"" and the view over the bay"\n`;
    if (chunk.length > 4_000_000) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return (await stat(path)).size;
}

interface Usage {
  events: number;
  /** Largest heap still reachable after a full GC, sampled every 20 pages. */
  peakRetainedHeap: number;
  peakRssGrowth: number;
}

// A full GC before sampling measures what the import retains, not what the GC has not yet freed.
setFlagsFromString('--expose-gc');
const collect: unknown = runInNewContext('gc');
function fullGc(): void {
  if (typeof collect !== 'function') throw new Error('gc is not exposed');
  collect();
}

async function importAll(path: string): Promise<Usage> {
  const config = plugin.assertConfig({
    format: 'csv',
    path,
    mapping: { externalId: 'id', customerRef: 'email', occurredAt: 'when', touchpointKey: 'touchpoint', kind: 'kind', value: 'amount', text: 'comment' },
    pageSize: 1000,
  });
  fullGc();
  const base = process.memoryUsage();
  const usage: Usage = { events: 0, peakRetainedHeap: 0, peakRssGrowth: 0 };
  let pages = 0;
  for await (const page of plugin.stream('rows').pull(createPluginContext({ config }), null)) {
    usage.events += page.events.length;
    pages += 1;
    usage.peakRssGrowth = Math.max(usage.peakRssGrowth, process.memoryUsage().rss - base.rss);
    if (pages % 20 === 0) {
      fullGc();
      usage.peakRetainedHeap = Math.max(usage.peakRetainedHeap, process.memoryUsage().heapUsed - base.heapUsed);
    }
  }
  return usage;
}

const MB = 1024 * 1024;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-import-memory-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('file-import memory', () => {
  it('stays flat as the file grows: 10x the rows, no more memory', async () => {
    const smallPath = join(dir, 'small.csv');
    const largePath = join(dir, 'large.csv');
    const smallRows = 25_000;
    const smallSize = await writeCsv(smallPath, smallRows);
    const largeSize = await writeCsv(largePath, smallRows * 10);
    const small = await importAll(smallPath);
    const large = await importAll(largePath);
    console.log(JSON.stringify({ smallMB: smallSize / MB, largeMB: largeSize / MB, small, large }));
    expect(small.events).toBe(smallRows);
    expect(large.events).toBe(smallRows * 10);
    // Retained memory is one page plus read buffers, whatever the file size.
    expect(large.peakRetainedHeap).toBeLessThan(8 * MB);
    expect(large.peakRetainedHeap).toBeLessThan(small.peakRetainedHeap + 2 * MB);
    expect(large.peakRssGrowth).toBeLessThan(small.peakRssGrowth + 32 * MB);
  }, 240_000);
});
