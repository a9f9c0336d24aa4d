// Broken exports as they arrive from real systems. Each must end in rejected rows with reasons or
// a coded PluginError, never an unhandled exception, a hang, or silently lost rows.
export interface FileCase {
  name: string;
  content: string | Uint8Array;
}

const header = 'externalId,customerRef,occurredAt,nps,text';

export const BROKEN_CSV: FileCase[] = [
  { name: 'unterminated quote', content: `${header}\nr1,email:a@x.io,2026-01-01T00:00:00Z,9,"never closed\nr2,email:b@x.io,2026-01-02T00:00:00Z,8,ok\n` },
  { name: 'rows with too many and too few columns', content: `${header}\nr1,email:a@x.io,2026-01-01T00:00:00Z,9,ok,extra,extra\nr2,email:b@x.io\n` },
  { name: 'invalid dates and scores', content: `${header}\nr1,email:a@x.io,not-a-date,9,x\nr2,email:b@x.io,2026-01-02T00:00:00Z,eleven,x\nr3,email:c@x.io,2026-01-03T00:00:00Z,42,x\n` },
  { name: 'header only', content: `${header}\n` },
  { name: 'empty file', content: '' },
  { name: 'no header row the mapping needs', content: 'a,b,c\n1,2,3\n' },
  { name: 'binary garbage', content: Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256) },
  { name: 'one 2 MB line', content: `${header}\nr1,email:a@x.io,2026-01-01T00:00:00Z,9,${'x'.repeat(2_000_000)}\n` },
  { name: 'byte-order mark and CRLF', content: `\ufeff${header}\r\nr1,email:a@x.io,2026-01-01T00:00:00Z,9,ok\r\n` },
  { name: 'formula injection and NUL', content: `${header}\nr1,email:a@x.io,2026-01-01T00:00:00Z,9,=HYPERLINK("http://evil")\u0000\n` },
];

export const BROKEN_NDJSON: FileCase[] = [
  { name: 'truncated JSON line', content: '{"externalId":"n1","customerRef":"email:a@x.io","occurredAt":"2026-01-01T00:00:00Z","nps":9}\n{"externalId":"n2","custo\n' },
  { name: 'lines that are not objects', content: '[1,2,3]\n"just a string"\nnull\n42\n' },
  { name: 'wrong types', content: '{"externalId":7,"customerRef":{"x":1},"occurredAt":true,"nps":"high"}\n' },
  { name: 'unknown keys only', content: '{"colour":"blue","size":3}\n' },
  { name: 'deeply nested value', content: `{"externalId":"n1","customerRef":"email:a@x.io","occurredAt":"2026-01-01T00:00:00Z","text":${'['.repeat(5000)}${']'.repeat(5000)}}\n` },
];

const VEVENT = (uid: string, body: string) => `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20260101T000000Z\r\n${body}END:VEVENT\r\n`;

export const BROKEN_ICAL: FileCase[] = [
  { name: 'missing END:VCALENDAR', content: `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${VEVENT('a', 'DTSTART:20260301T140000Z\r\nDTEND:20260303T100000Z\r\n')}` },
  { name: 'not iCalendar at all', content: '<html><body>502 Bad Gateway</body></html>' },
  { name: 'invalid dates', content: `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${VEVENT('b', 'DTSTART:2026-13-45\r\nDTEND:yesterday\r\n')}END:VCALENDAR\r\n` },
  { name: 'event without UID or dates', content: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:?\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' },
  { name: 'hostile amount', content: `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${VEVENT('c', 'DTSTART:20260301T140000Z\r\nDTEND:20260303T100000Z\r\nX-BOOKING-AMOUNT:1e309\r\n')}${VEVENT('d', 'DTSTART:20260301T140000Z\r\nDTEND:20260303T100000Z\r\nX-BOOKING-AMOUNT:-50; DROP TABLE events\r\n')}END:VCALENDAR\r\n` },
  { name: 'empty body', content: '' },
];

export const BROKEN_WEBHOOK_BODIES: FileCase[] = [
  { name: 'truncated JSON', content: '{"form_response": {"answers": [' },
  { name: 'JSON of the wrong shape', content: '{"event_type": "form_response", "form_response": "nope"}' },
  { name: 'answers with wrong types', content: '{"event_type":"form_response","form_response":{"token":"t1","submitted_at":"yesterday","answers":[{"field":{"ref":"nps"},"type":"number","number":"ten"}]}}' },
  { name: 'empty body', content: '' },
];
