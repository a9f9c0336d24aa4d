import { defineStream } from '@waymark/plugin-sdk';
import type { Page, PluginContext, RejectedRecord } from '@waymark/plugin-sdk';
import { fileCursorSchema } from '../config.js';
import type { FileCursor, FileImportConfig } from '../config.js';
import { headerOf, parseBatch, readHeader } from '../csv.js';
import { RecordScanner } from '../record-scanner.js';
import type { RawRecord } from '../record-scanner.js';
import { mappedColumns, mapRow } from '../row-mapper.js';
import type { RowValues } from '../row-mapper.js';
import { readFrom } from '../source.js';

/** A data row waiting in the current page, with its position. */
export interface PendingRow {
  record: RawRecord;
  row: number;
}

const START: FileCursor = { offset: 0, row: 0, line: 1 };
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * All rows of the file, in order, `pageSize` per page. The cursor is the byte offset after the
 * last row of the committed page (plus row and line numbers for messages), so a sync resumes
 * mid-file, and re-syncing a file that grew imports only the new rows.
 */
export const rows = defineStream({
  name: 'rows',
  description: 'Rows of the file, in order; resumes after the last committed row',
  cursor: fileCursorSchema,
  async *pull(ctx: PluginContext<FileImportConfig>, cursor) {
    const start = cursor ?? START;
    const { config } = ctx;
    let header = config.format === 'csv' && start.offset > 0 ? await readHeader(ctx) : undefined;
    const scanner = new RecordScanner(config.format === 'csv' ? 'csv' : 'lines', config.delimiter.charCodeAt(0), config.maxRecordBytes, start.offset, start.line);
    let batch: PendingRow[] = [];
    let row = start.row;
    let last = start;
    for await (const records of recordsOf(ctx, scanner, start.offset)) {
      for (const record of records) {
        if (isBlank(record)) continue;
        if (config.format === 'csv' && header === undefined) {
          header = headerFrom(record, config);
          last = { offset: record.end, row, line: record.nextLine };
          continue;
        }
        if (batch.length === config.pageSize) {
          yield toPage(batch, header, ctx, true);
          last = cursorAfter(batch, last);
          batch = [];
        }
        row += 1;
        batch.push({ record: record.start === 0 ? stripBom(record) : record, row });
      }
    }
    yield toPage(batch, header, ctx, false, last);
  },
});

async function* recordsOf(ctx: PluginContext<FileImportConfig>, scanner: RecordScanner, offset: number): AsyncGenerator<RawRecord[]> {
  for await (const chunk of readFrom(ctx, offset)) yield scanner.push(chunk);
  yield scanner.end();
}

function headerFrom(record: RawRecord, config: FileImportConfig): string[] {
  return headerOf(record.error, record.bytes, config);
}

function toPage(batch: readonly PendingRow[], header: readonly string[] | undefined, ctx: PluginContext<FileImportConfig>, hasMore: boolean, previous?: FileCursor): Page<FileCursor> {
  const { config } = ctx;
  const mapped = mappedColumns(config.mapping);
  const page: Page<FileCursor> & { rejected: RejectedRecord[] } = { events: [], rejected: [], nextCursor: cursorAfter(batch, previous ?? START), hasMore };
  const values = config.format === 'csv' ? csvValues(batch, header ?? [], config) : batch.map((pending) => ndjsonValues(pending.record));
  batch.forEach((pending, index) => {
    const parsed = values[index];
    const where = `row ${pending.row} (line ${pending.record.line})`;
    if (pending.record.error !== undefined || parsed === undefined || typeof parsed === 'string') {
      page.rejected.push(rejected(pending, `${where}: ${pending.record.error ?? parsed ?? 'unreadable'}`));
      return;
    }
    const result = mapRow(parsed, config, mapped, pending.record.bytes);
    if (result.ok) page.events.push(result.event);
    else page.rejected.push({ ...rejected(pending, `${where}: ${result.reason}`), ...(result.externalId ? { externalId: result.externalId } : {}) });
  });
  if (page.rejected.length > 0) ctx.logger.warn('rows rejected', { count: page.rejected.length, firstRow: batch[0]?.row });
  return page;
}

function csvValues(batch: readonly PendingRow[], header: readonly string[], config: FileImportConfig): Array<RowValues | string> {
  const data = batch.filter((pending) => pending.record.error === undefined);
  const parsed = parseBatch(data.map((pending) => pending.record.bytes), config.delimiter);
  const byRecord = new Map(data.map((pending, index) => [pending.record, parsed[index]]));
  return batch.map((pending) => {
    const result = byRecord.get(pending.record);
    if (result === undefined) return pending.record.error ?? 'unreadable';
    if ('error' in result) return `invalid CSV: ${result.error}`;
    if (result.values.length !== header.length) return `has ${result.values.length} fields, the header has ${header.length}`;
    return Object.fromEntries(header.map((column, index) => [column, result.values[index]]));
  });
}

function ndjsonValues(record: RawRecord): RowValues | string {
  if (record.error !== undefined) return record.error;
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.bytes.toString('utf8'));
  } catch (error) {
    return `invalid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'is not a JSON object';
  if (depthExceeds(parsed, MAX_JSON_DEPTH)) return `is nested deeper than ${MAX_JSON_DEPTH} levels`;
  return Object.fromEntries(Object.entries(parsed));
}

// JSON.parse nests without limit, but stringify and validation recurse: a hostile row must be a
// rejected row, not a stack overflow that fails the whole sync.
const MAX_JSON_DEPTH = 64;

function depthExceeds(root: object, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, depth] = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

function rejected(pending: PendingRow, reason: string): RejectedRecord {
  const raw = pending.record.bytes.subarray(0, 1000).toString('utf8');
  return { reason, payload: { row: pending.row, line: pending.record.line, offset: pending.record.start, raw } };
}

function cursorAfter(batch: readonly PendingRow[], previous: FileCursor): FileCursor {
  const last = batch.at(-1);
  return last ? { offset: last.record.end, row: last.row, line: last.record.nextLine } : previous;
}

// Only short records are checked for whitespace: decoding every row would cost a copy each.
function isBlank(record: RawRecord): boolean {
  if (record.error !== undefined) return false;
  return record.bytes.length === 0 || (record.bytes.length < 16 && record.bytes.toString('utf8').trim() === '');
}

function stripBom(record: RawRecord): RawRecord {
  return record.bytes.subarray(0, 3).equals(BOM) ? { ...record, bytes: record.bytes.subarray(3) } : record;
}
