import type { EventInput } from '../harness/graphql.js';

const base = (externalId: string): EventInput => ({
  source: 'reliability',
  externalId,
  touchpointKey: 'rel-web',
  customerRef: 'email:corpus@example.com',
  occurredAt: '2026-06-01T10:00:00.000Z',
  kind: 'SURVEY',
});

// Rows that are well-typed GraphQL but break the domain rules: each must be rejected by itself
// with a reason naming the problem, while the valid row beside them is stored.
export const INVALID_ROWS: { name: string; event: EventInput; reason: RegExp }[] = [
  { name: 'NPS above 10', event: { ...base('bad-nps-high'), nps: 11 }, reason: /nps/i },
  { name: 'NPS below 0', event: { ...base('bad-nps-low'), nps: -1 }, reason: /nps/i },
  { name: 'CSAT 0', event: { ...base('bad-csat-low'), csat: 0 }, reason: /csat/i },
  { name: 'CSAT 6', event: { ...base('bad-csat-high'), csat: 6 }, reason: /csat/i },
  { name: 'CES 8', event: { ...base('bad-ces'), ces: 8 }, reason: /ces/i },
  { name: 'sentiment 1.5', event: { ...base('bad-sentiment'), sentiment: 1.5 }, reason: /sentiment/i },
  { name: 'unknown touchpoint', event: { ...base('bad-touchpoint'), touchpointKey: 'no-such-touchpoint' }, reason: /touchpoint/i },
  { name: 'occurredAt not a date', event: { ...base('bad-date'), occurredAt: 'yesterday-ish' }, reason: /occurredAt|date/i },
];

// Hostile but legal strings: stored exactly or refused with a reason; never a crash or a 5xx.
export const HOSTILE_TEXTS: { name: string; text: string }[] = [
  { name: 'SQL injection', text: "'); DROP TABLE events; --" },
  { name: 'HTML and script', text: '<script>alert(1)</script><img src=x onerror=alert(2)>' },
  { name: 'NUL byte', text: 'before\u0000after' },
  { name: 'lone surrogate', text: 'broken \ud800 pair' },
  { name: 'right-to-left override', text: 'invoice\u202Egnp.exe' },
  { name: 'emoji and combining marks', text: 'Z̸̢͎a̴l̷g̶o 👩‍👩‍👧‍👦 ☃' },
  { name: '200 kB of text', text: 'x'.repeat(200_000) },
  { name: 'format string', text: '%s%s%s%n %x ${process.env} {{constructor}}' },
];

// GraphQL documents and bodies that must be refused as a whole with a clear message.
export const BAD_REQUESTS: { name: string; body: string; contentType?: string; message: RegExp }[] = [
  { name: 'truncated JSON body', body: '{"query": "mutation { ingestEvents(events: [', message: /json|parse|syntax|unexpected/i },
  { name: 'body is not JSON', body: 'ingest please', message: /json|parse|syntax|unexpected|query/i },
  { name: 'no query', body: '{}', message: /request body has no \\?"query/ },
  { name: 'syntax error in query', body: JSON.stringify({ query: 'mutation { ingestEvents(events: [{ }' }), message: /syntax|expected/i },
  {
    name: 'wrong type for nps',
    body: JSON.stringify({ query: 'mutation($e:[EventInput!]!){ingestEvents(events:$e){accepted}}', variables: { e: [{ ...base('wrong-type'), nps: 'ten' }] } }),
    message: /nps|Int/i,
  },
  {
    name: 'unknown key in an event',
    body: JSON.stringify({ query: 'mutation($e:[EventInput!]!){ingestEvents(events:$e){accepted}}', variables: { e: [{ ...base('unknown-key'), colour: 'blue' }] } }),
    message: /colour/i,
  },
  {
    name: 'unknown enum value',
    body: JSON.stringify({ query: 'mutation($e:[EventInput!]!){ingestEvents(events:$e){accepted}}', variables: { e: [{ ...base('bad-kind'), kind: 'TELEPORT' }] } }),
    message: /TELEPORT|EventKind|kind/i,
  },
  {
    name: 'deeply nested query',
    body: JSON.stringify({ query: `{ journeys { ${'stages { touchpoints { stage { '.repeat(40)}id${' } } }'.repeat(40)} } }` }),
    message: /depth|nested|complex|exceed|limit/i,
  },
];
