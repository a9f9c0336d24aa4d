import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResult } from '../harness/graphql.js';
import { graphql, INGEST, makeEvents, postLarge } from '../harness/graphql.js';
import { writeFigures } from '../harness/results.js';
import { scratchDatabase } from '../harness/scratch-database.js';
import type { ApiFixture } from '../api/api-fixture.js';
import { apiWithJourney } from '../api/api-fixture.js';
import { BAD_REQUESTS, HOSTILE_TEXTS, INVALID_ROWS } from './malformed-events.js';

const outcomes: { case: string; status: number; outcome: string }[] = [];

describe('malformed-input corpus against the real API', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let fixture: ApiFixture;

  beforeAll(async () => {
    database = await scratchDatabase('corpus');
    fixture = await apiWithJourney(database.url);
  });

  afterAll(async () => {
    const serverErrors = outcomes.filter((o) => o.status >= 500 || o.status === 0).length;
    writeFigures('malformed-input', [
      { metric: 'cases', value: outcomes.length, unit: 'cases' },
      { metric: 'answered without a server error or crash', value: outcomes.length - serverErrors, unit: 'cases' },
      { metric: 'server errors or crashes', value: serverErrors, unit: 'cases' },
    ], { outcomes });
    await fixture?.close();
    await database?.drop();
  });

  it.each(INVALID_ROWS)('rejects only the bad row: $name', async ({ name, event, reason }) => {
    const [good] = makeEvents(`corpus-good-${INVALID_ROWS.findIndex((r) => r.name === name)}`, 1);
    const answer = await graphql<IngestResult>(fixture.api.url, fixture.api.adminToken, INGEST, { events: [good, event] });
    outcomes.push({ case: `row: ${name}`, status: answer.status, outcome: JSON.stringify(answer.data?.ingestEvents?.rejected ?? answer.errors) });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.ingestEvents.accepted).toBe(1);
    expect(answer.data?.ingestEvents.rejected).toHaveLength(1);
    expect(answer.data?.ingestEvents.rejected[0]?.index).toBe(1);
    expect(answer.data?.ingestEvents.rejected[0]?.reason).toMatch(reason);
  });

  it.each(HOSTILE_TEXTS)('stores or cleanly refuses hostile text: $name', async ({ name, text }) => {
    const externalId = `hostile-${HOSTILE_TEXTS.findIndex((h) => h.name === name)}`;
    const [event] = makeEvents(externalId, 1);
    // An own "__proto__" key, as JSON.parse makes it: must be stored as data, never merged into a prototype.
    const attributes: Record<string, unknown> = JSON.parse('{"__proto__": {"polluted": true}}');
    attributes.note = text;
    const answer = await graphql<IngestResult>(fixture.api.url, fixture.api.adminToken, INGEST, { events: [{ ...event, text, attributes }] });
    const result = answer.data?.ingestEvents;
    outcomes.push({ case: `text: ${name}`, status: answer.status, outcome: JSON.stringify(result?.rejected ?? answer.errors ?? result).slice(0, 300) });
    expect(answer.status).toBeLessThan(500);
    expect(result ?? answer.errors).toBeTruthy();
    if (result && result.accepted === 1) {
      const { rows } = await fixture.db.query<{ text: string }>('SELECT text FROM events WHERE workspace_id = $1 AND external_id = $2', [fixture.workspaceId, event?.externalId]);
      // JSON cannot carry a lone surrogate, so it arrives as U+FFFD; everything else byte for byte.
      expect(rows[0]?.text).toBe(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
    } else {
      expect(result?.rejected[0]?.reason ?? answer.errors?.[0]?.message).toMatch(/\w{3,}/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(BAD_REQUESTS)('refuses the whole request with a clear message: $name', async ({ name, body, contentType, message }) => {
    const response = await fetch(`${fixture.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType ?? 'application/json', authorization: `Bearer ${fixture.api.adminToken}` },
      body,
    });
    const text = await response.text();
    outcomes.push({ case: `request: ${name}`, status: response.status, outcome: text.slice(0, 300) });
    expect(response.status).toBeLessThan(500);
    expect(text).toMatch(message);
  });

  // Above the batch limit (a GraphQL error) and above the body limit (HTTP 413): nothing stored either way.
  it.each([
    { name: '12,000 events (above the batch limit)', count: 12_000 },
    { name: '100,000 events, ~25 MB (above the body limit)', count: 100_000 },
  ])('refuses an oversized batch as a whole, before touching the database: $name', async ({ name, count }) => {
    const prefix = `oversized-${count}`;
    const body = JSON.stringify({ query: INGEST, variables: { events: makeEvents(prefix, count) } });
    const answer = await postLarge(fixture.api.url, fixture.api.adminToken, body);
    outcomes.push({ case: `request: ${name}`, status: answer.status, outcome: answer.text.slice(0, 300) });
    expect(answer.status).toBeLessThan(500);
    expect(answer.text).not.toContain('"accepted"');
    expect(answer.text).toMatch(/batch|too (large|many)|limit|size|exceed/i);
    const { rows } = await fixture.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE external_id LIKE $1', [`${prefix}-%`]);
    expect(rows[0]?.n).toBe(0);
  });

  it('is still healthy and ingesting after the whole corpus', async () => {
    expect(fixture.api.exited()).toBe(false);
    expect((await fetch(`${fixture.api.url}/health`)).status).toBe(200);
    const answer = await graphql<IngestResult>(fixture.api.url, fixture.api.adminToken, INGEST, { events: makeEvents('after-corpus', 10) });
    expect(answer.data?.ingestEvents.accepted).toBe(10);
  });
});
