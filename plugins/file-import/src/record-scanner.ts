/** One physical record of the file, located by bytes and lines. */
export interface RawRecord {
  /** Record bytes without the line terminator. */
  bytes: Buffer;
  /** Byte offset of the record's first byte. */
  start: number;
  /** Byte offset just after its terminator (where the next record starts). */
  end: number;
  /** 1-based line of the record's first byte. */
  line: number;
  /** Line where the next record starts. */
  nextLine: number;
  /** Set when the record could not be delimited (e.g. an unterminated quote). */
  error?: string;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

// CSV states (RFC 4180): a quote opens a quoted field only at the start of a field.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/**
 * Splits a byte stream into records with exact byte offsets. In CSV mode a newline inside a
 * quoted field does not end the record; a quoted field left open for more than `maxRecordBytes`
 * (or until the end) is reported as an error on its first line and scanning resumes on the next
 * line, so one broken quote never swallows the rest of the file.
 */
export class RecordScanner {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private state = FIELD_START;
  private recordStart: number;
  private line: number;
  private newlinesInRecord = 0;
  // A row too long to keep: its error is emitted once its end (next newline) is known.
  private skipping: RawRecord | undefined;

  constructor(
    private readonly mode: 'csv' | 'lines',
    private readonly delimiter: number,
    private readonly maxRecordBytes: number,
    startOffset: number,
    startLine: number,
  ) {
    this.recordStart = startOffset;
    this.line = startLine;
  }

  /** Feeds a chunk; returns the records it completed. */
  push(chunk: Buffer): RawRecord[] {
    const out: RawRecord[] = [];
    this.scan(chunk, out);
    return out;
  }

  /** Ends the stream; returns the last record (without terminator) if any. */
  end(): RawRecord[] {
    const out: RawRecord[] = [];
    if (this.skipping) {
      out.push(this.skipping);
      this.skipping = undefined;
    }
    if (this.pendingBytes === 0) return out;
    if (this.state === QUOTED) {
      this.recover(out, 'quoted field is never closed');
      out.push(...this.end());
      return out;
    }
    const bytes = Buffer.concat(this.pending);
    this.emit(out, trimCr(bytes), this.recordStart + bytes.length);
    return out;
  }

  private scan(input: Buffer, out: RawRecord[]): void {
    const chunk = this.skip(input, out);
    let from = 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i];
      if (byte === LF && this.state !== QUOTED) {
        this.pending.push(chunk.subarray(from, i));
        this.pendingBytes += i - from;
        const bytes = Buffer.concat(this.pending, this.pendingBytes);
        this.emit(out, trimCr(bytes), this.recordStart + bytes.length + 1);
        from = i + 1;
        continue;
      }
      if (byte === LF) this.newlinesInRecord += 1;
      if (this.mode === 'csv') this.state = nextState(this.state, byte, this.delimiter);
      if (this.state === QUOTED && this.pendingBytes + (i - from) > this.maxRecordBytes) {
        this.pending.push(chunk.subarray(from, i + 1));
        this.pendingBytes += i + 1 - from;
        this.recover(out, `quoted field is not closed within ${this.maxRecordBytes} bytes`);
        from = i + 1;
      }
    }
    if (from < chunk.length) {
      this.pending.push(chunk.subarray(from));
      this.pendingBytes += chunk.length - from;
    }
    if (this.pendingBytes > this.maxRecordBytes && this.state !== QUOTED) {
      // A row this long is unusable: reject it and drop bytes up to its newline.
      const buffered = Buffer.concat(this.pending, this.pendingBytes);
      this.skipping = { bytes: buffered.subarray(0, 1000), start: this.recordStart, end: this.recordStart + buffered.length, line: this.line, nextLine: this.line + 1, error: `row is longer than ${this.maxRecordBytes} bytes` };
      this.recordStart += buffered.length;
      this.reset();
    }
  }

  // While skipping an overlong row, drops bytes up to its newline and emits its error.
  private skip(chunk: Buffer, out: RawRecord[]): Buffer {
    const skipping = this.skipping;
    if (!skipping) return chunk;
    const newline = chunk.indexOf(LF);
    if (newline === -1) {
      skipping.end += chunk.length;
      this.recordStart += chunk.length;
      return chunk.subarray(chunk.length);
    }
    skipping.end += newline + 1;
    this.recordStart = skipping.end;
    this.line = skipping.line + 1;
    this.skipping = undefined;
    out.push(skipping);
    return chunk.subarray(newline + 1);
  }

  // Rejects the first line of the buffered record and rescans what follows it.
  private recover(out: RawRecord[], reason: string): void {
    const buffered = Buffer.concat(this.pending, this.pendingBytes);
    const newline = buffered.indexOf(LF);
    const firstLineEnd = newline === -1 ? buffered.length : newline;
    const error: RawRecord = {
      bytes: buffered.subarray(0, Math.min(firstLineEnd, 1000)),
      start: this.recordStart,
      end: this.recordStart + (newline === -1 ? buffered.length : newline + 1),
      line: this.line,
      nextLine: this.line + (newline === -1 ? 0 : 1),
      error: reason,
    };
    out.push(error);
    this.recordStart = error.end;
    this.line += newline === -1 ? 0 : 1;
    this.reset();
    if (newline !== -1) this.scan(buffered.subarray(newline + 1), out);
  }

  private emit(out: RawRecord[], bytes: Buffer, end: number): void {
    out.push({ bytes, start: this.recordStart, end, line: this.line, nextLine: this.line + this.newlinesInRecord + 1 });
    this.line += this.newlinesInRecord + 1;
    this.recordStart = end;
    this.reset();
  }

  private reset(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.state = FIELD_START;
    this.newlinesInRecord = 0;
  }
}

function nextState(state: number, byte: number | undefined, delimiter: number): number {
  switch (state) {
    case FIELD_START:
      if (byte === QUOTE) return QUOTED;
      return byte === delimiter ? FIELD_START : UNQUOTED;
    case UNQUOTED:
      return byte === delimiter ? FIELD_START : UNQUOTED;
    case QUOTED:
      return byte === QUOTE ? QUOTE_IN_QUOTED : QUOTED;
    default:
      // After a closing quote: `""` is an escaped quote, a delimiter ends the field.
      if (byte === QUOTE) return QUOTED;
      return byte === delimiter ? FIELD_START : UNQUOTED;
  }
}

function trimCr(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, bytes.length - 1) : bytes;
}
