import { PluginError } from '@waymark/plugin-sdk';
import type { PluginContext } from '@waymark/plugin-sdk';
import { parse } from 'csv-parse/sync';
import type { FileImportConfig } from './config.js';
import { RecordScanner } from './record-scanner.js';
import { readFrom } from './source.js';

export type ParsedRecord = { values: string[] } | { error: string };

const LF = Buffer.from('\n');

/**
 * Parses records already delimited by the scanner. The batch is parsed in one csv-parse call;
 * if that fails, each record is parsed alone so one malformed row never costs the others.
 */
export function parseBatch(records: readonly Buffer[], delimiter: string): ParsedRecord[] {
  if (records.length === 0) return [];
  const joined = Buffer.concat(records.flatMap((record, index) => (index === 0 ? [record] : [LF, record])));
  const batch = tryParse(joined, delimiter);
  if (Array.isArray(batch) && batch.length === records.length) return batch.map((values) => ({ values }));
  return records.map((record) => {
    const single = tryParse(record, delimiter);
    if (typeof single === 'string') return { error: single };
    return single.length === 1 && single[0] ? { values: single[0] } : { error: `holds ${single.length} records` };
  });
}

function tryParse(input: Buffer, delimiter: string): string[][] | string {
  try {
    const rows: unknown = parse(input, { delimiter, relax_column_count: true, skip_empty_lines: false });
    if (!Array.isArray(rows)) return 'unexpected parser output';
    return rows.filter(isStringArray);
  } catch (error) {
    // csv-parse counts lines within the parsed snippet: drop them, the caller names the real line.
    return (error instanceof Error ? error.message : String(error)).replace(/ at line \d+/, '');
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Reads only the header row of a CSV file (used when resuming mid-file). */
export async function readHeader(ctx: PluginContext<FileImportConfig>): Promise<string[]> {
  const { config } = ctx;
  const scanner = new RecordScanner('csv', config.delimiter.charCodeAt(0), config.maxRecordBytes, 0, 1);
  for await (const chunk of readFrom(ctx, 0)) {
    const first = scanner.push(chunk).find((record) => record.bytes.length > 0 || record.error !== undefined);
    if (first) return headerOf(first.error, first.bytes, config);
  }
  const last = scanner.end().find((record) => record.bytes.length > 0);
  if (!last) throw new PluginError('config_invalid', 'The file is empty: a CSV import needs a header row');
  return headerOf(last.error, last.bytes, config);
}

export function headerOf(error: string | undefined, bytes: Buffer, config: FileImportConfig): string[] {
  if (error !== undefined) throw new PluginError('config_invalid', `The header row is unreadable: ${error}`);
  const clean = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? bytes.subarray(3) : bytes;
  const parsed = parseBatch([clean], config.delimiter)[0];
  if (!parsed || 'error' in parsed) throw new PluginError('config_invalid', `The header row is not valid CSV${parsed ? `: ${parsed.error}` : ''}`);
  const problems = headerProblems(parsed.values, config);
  if (problems) throw new PluginError('config_invalid', problems);
  return parsed.values;
}

/** Names mapped columns missing from the header, listing the columns found. */
export function headerProblems(header: readonly string[], config: FileImportConfig): string | undefined {
  const missing = Object.entries(config.mapping).filter(([, column]) => typeof column === 'string' && !header.includes(column));
  if (missing.length === 0) return undefined;
  const list = missing.map(([field, column]) => `${field} → "${String(column)}"`).join(', ');
  return `Mapped columns missing from the header: ${list}. Columns found: ${header.join(', ')}`;
}
