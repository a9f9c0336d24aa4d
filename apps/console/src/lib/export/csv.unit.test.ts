import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes fields with commas, quotes and line breaks, and leaves nulls empty', () => {
    expect(toCsv(['name', 'note', 'n'], [['Front desk', 'said "hi", left', 3], ['Web', null, undefined]])).toBe(
      'name,note,n\r\nFront desk,"said ""hi"", left",3\r\nWeb,,\r\n',
    );
  });
});
