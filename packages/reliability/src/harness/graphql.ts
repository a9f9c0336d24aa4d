export interface GraphqlError {
  message: string;
  extensions?: { code?: string };
}

export interface GraphqlResponse<T> {
  status: number;
  data?: T | null;
  errors?: GraphqlError[];
  /** Set when no HTTP answer came back at all (connection refused or reset, timeout). */
  transportError?: string;
  ms: number;
}

// One GraphQL request over HTTP; never throws, so load loops can count every outcome.
export async function graphql<T>(url: string, token: string, query: string, variables: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<GraphqlResponse<T>> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    try {
      const body: { data?: T | null; errors?: GraphqlError[] } = JSON.parse(text);
      return { status: response.status, ...body, ms };
    } catch {
      return { status: response.status, errors: [{ message: `non-JSON answer: ${text.slice(0, 200)}` }], ms };
    }
  } catch (error) {
    return { status: 0, transportError: error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error), ms: performance.now() - started };
  }
}

export const INGEST = `mutation Ingest($events: [EventInput!]!) {
  ingestEvents(events: $events) { accepted duplicates rejected { index externalId reason } }
}`;

export interface IngestResult {
  ingestEvents: { accepted: number; duplicates: number; rejected: { index: number; externalId: string | null; reason: string }[] };
}

export const CREATE_JOURNEY = `mutation Journey($input: JourneyInput!) { createJourney(input: $input) { id stages { id touchpoints { id key } } } }`;

// A small journey whose touchpoint keys the event fixtures use.
export const RELIABILITY_JOURNEY = {
  name: 'Reliability',
  stages: [
    { name: 'Awareness', touchpoints: [{ key: 'rel-web', name: 'Website', type: 'CONTACT', channel: 'web', mode: 'ONLINE' }] },
    { name: 'Purchase', touchpoints: [{ key: 'rel-desk', name: 'Front desk', type: 'INTERACTION', channel: 'front_desk', mode: 'OFFLINE' }] },
  ],
};

export interface EventInput {
  source: string;
  externalId: string;
  touchpointKey: string;
  customerRef: string;
  occurredAt: string;
  kind: string;
  [field: string]: unknown;
}

// Deterministic events: the same arguments always give the same batch (replays must be exact).
export function makeEvents(prefix: string, count: number, start = 0): EventInput[] {
  return Array.from({ length: count }, (_, i) => {
    const n = start + i;
    const kind = n % 10 === 0 ? 'PURCHASE' : n % 3 === 0 ? 'SURVEY' : 'VIEW';
    return {
      source: 'reliability',
      externalId: `${prefix}-${n}`,
      touchpointKey: n % 2 === 0 ? 'rel-web' : 'rel-desk',
      customerRef: `email:customer-${n % 97}@example.com`,
      occurredAt: new Date(Date.UTC(2026, 5, 1) + n * 60_000).toISOString(),
      kind,
      ...(kind === 'PURCHASE' ? { value: 100 + (n % 7) } : {}),
      ...(kind === 'SURVEY' ? { nps: n % 11, csat: 1 + (n % 5) } : {}),
    };
  });
}

// A POST whose answer is read even when the server answers before the upload ends (a 413 for an
// oversized body): fetch reports those as a dropped connection, node:http gives the status.
export async function postLarge(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // The server may close its side after answering; the answer has already been read.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(body);
  });
}
