import { describe, expect, it } from 'vitest';
import { RecordScanner } from './record-scanner.js';
import type { RawRecord } from './record-scanner.js';

function scan(text: string, options: { mode?: 'csv' | 'lines'; chunk?: number; max?: number; start?: number } = {}): RawRecord[] {
  const bytes = Buffer.from(text);
  const scanner = new RecordScanner(options.mode ?? 'csv', 0x2c, options.max ?? 1024, options.start ?? 0, 1);
  const out: RawRecord[] = [];
  const size = options.chunk ?? bytes.length;
  for (let i = 0; i < bytes.length; i += size) out.push(...scanner.push(bytes.subarray(i, i + size)));
  out.push(...scanner.end());
  return out;
}

const summary = (records: RawRecord[]) => records.map((r) => ({ text: r.bytes.toString(), start: r.start, end: r.end, line: r.line, nextLine: r.nextLine, ...(r.error ? { error: r.error } : {}) }));

describe('RecordScanner', () => {
  const csv = 'a,b\r\n1,"x\ny"\n2,"say ""hi"""\n3,z';

  it('splits records with exact byte offsets, keeping newlines inside quoted fields', () => {
    expect(summary(scan(csv))).toEqual([
      { text: 'a,b', start: 0, end: 5, line: 1, nextLine: 2 },
      { text: '1,"x\ny"', start: 5, end: 13, line: 2, nextLine: 4 },
      { text: '2,"say ""hi"""', start: 13, end: 28, line: 4, nextLine: 5 },
      { text: '3,z', start: 28, end: 31, line: 5, nextLine: 6 },
    ]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    for (const chunk of [1, 2, 3, 7]) expect(summary(scan(csv, { chunk }))).toEqual(summary(scan(csv)));
  });

  it('treats a quote inside an unquoted field as text, so it cannot swallow the next line', () => {
    expect(scan('1,ab"c\n2,d\n').map((r) => r.bytes.toString())).toEqual(['1,ab"c', '2,d']);
  });

  it('rejects the first line of an unterminated quote and resumes on the next line', () => {
    const records = summary(scan('1,"open\n2,ok\n3,fine\n', { max: 1024 }));
    expect(records[0]).toMatchObject({ text: '1,"open', line: 1, start: 0, end: 8, error: 'quoted field is never closed' });
    expect(records.slice(1).map((r) => r.text)).toEqual(['2,ok', '3,fine']);
    expect(records[1]).toMatchObject({ start: 8, line: 2 });
  });

  it('gives up on a quoted field longer than the limit without losing later rows', () => {
    const text = `1,"${'x'.repeat(40)}\n${'y'.repeat(40)}\n2,ok\n`;
    const records = summary(scan(text, { max: 60, chunk: 16 }));
    expect(records[0]).toMatchObject({ line: 1, error: 'quoted field is not closed within 60 bytes' });
    expect(records.map((r) => r.text).slice(-1)).toEqual(['2,ok']);
  });

  it('rejects an overlong row as one record ending at its newline', () => {
    const text = `1,${'z'.repeat(100)}\n2,ok\n`;
    const records = summary(scan(text, { max: 40, chunk: 8 }));
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ start: 0, end: 103, line: 1, nextLine: 2, error: 'row is longer than 40 bytes' });
    expect(records[1]).toMatchObject({ text: '2,ok', start: 103, line: 2 });
  });

  it('counts offsets from the resume position', () => {
    expect(summary(scan('9,z\n', { start: 500 }))).toEqual([{ text: '9,z', start: 500, end: 504, line: 1, nextLine: 2 }]);
  });

  it('splits lines mode on every newline, quotes included', () => {
    expect(scan('{"a":"\\""}\n{"b":1}', { mode: 'lines' }).map((r) => r.bytes.toString())).toEqual(['{"a":"\\""}', '{"b":1}']);
  });
});
