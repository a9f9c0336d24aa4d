import { describe, expect, it } from 'vitest';
import { byteSize, isByteSize } from './byte-size.js';

describe('byte sizes (WAYMARK_BODY_LIMIT)', () => {
  it('reads body-parser notation in binary units', () => {
    expect(byteSize('16mb')).toBe(16 * 1024 * 1024);
    expect(byteSize('64kb')).toBe(65_536);
    expect(byteSize('1.5KB')).toBe(1536);
    expect(byteSize('1048576')).toBe(1_048_576);
    expect(byteSize(' 2 gb ')).toBe(2 * 1024 ** 3);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'mb', '16 megabytes', '-1kb', '16tb']) expect(isByteSize(text)).toBe(false);
    expect(() => byteSize('lots')).toThrow(/512kb or 16mb/);
  });
});
