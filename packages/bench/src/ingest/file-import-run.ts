import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { pullPages } from '@waymark/plugin-host';
import { plugin as fileImport } from '@waymark/plugin-file-import';
import { sampleMemory } from './memory-sampler.js';
import { syntheticEvent } from './synthetic-source.js';

export interface FileImportRun {
  rows: number;
  bytes: number;
  ms: number;
  /** RSS above the start, in bytes, when a quarter of the file was imported, and at the end. */
  rssGrowthAtQuarter: number;
  rssGrowthAtEnd: number;
}

// The synthetic events as a CSV export, written in 4 MiB chunks.
export async function writeCsvExport(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  out.write('id,email,when,touchpoint,kind,amount,nps,comment\n');
  let chunk = '';
  for (let i = 0; i < rows; i += 1) {
    const e = syntheticEvent(i, rows);
    chunk += `${e.externalId},${e.customerRef.slice(6)},${e.occurredAt},${e.touchpointKey},${e.kind},${e.value ?? ''},${e.nps ?? ''},"row ${i}, imported from a ""PMS"" export"\n`;
    if (chunk.length > 4_000_000) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return (await stat(path)).size;
}

/** Streams the CSV through the file-import plugin and the plugin host, counting events. */
export async function runFileImport(path: string, rows: number): Promise<FileImportRun> {
  const config = {
    format: 'csv',
    path,
    mapping: { externalId: 'id', customerRef: 'email', occurredAt: 'when', touchpointKey: 'touchpoint', kind: 'kind', value: 'amount', nps: 'nps', text: 'comment' },
    pageSize: 1000,
  };
  const base = process.memoryUsage.rss();
  const memory = sampleMemory();
  const start = performance.now();
  let events = 0;
  let rssGrowthAtQuarter = 0;
  for await (const page of pullPages({ plugin: fileImport, config, secrets: {}, stream: 'rows', cursor: null })) {
    if (page.rejected.length > 0) throw new Error(`file import rejected rows: ${page.rejected[0]?.reason ?? ''}`);
    const before = events;
    events += page.events.length;
    if (before < rows / 4 && events >= rows / 4) rssGrowthAtQuarter = memory.peak() - base;
  }
  const ms = performance.now() - start;
  const rssGrowthAtEnd = memory.stop() - base;
  if (events !== rows) throw new Error(`file import produced ${events} events, expected ${rows}`);
  return { rows, bytes: (await stat(path)).size, ms, rssGrowthAtQuarter, rssGrowthAtEnd };
}
