import type { IncomingMessage, ServerResponse } from 'node:http';

const MISSING_QUERY = 'The request body has no "query": send a JSON object such as {"query": "{ health { status } }", "variables": {}} '
  + '(or a persisted document: {"extensions": {"persistedQuery": {"sha256Hash": "…"}}}).';

function lacksDocument(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  return !('query' in body) && !('documentId' in body) && !('extensions' in body);
}

// A JSON body without a document ({}) reached yoga as an empty stream (express had already parsed
// it) and was answered "POST body sent invalid JSON"; name what is missing instead.
export function graphqlBodyCheck() {
  return (req: IncomingMessage & { body?: unknown }, res: ServerResponse, next: () => void): void => {
    if (req.method !== 'POST' || !lacksDocument(req.body)) {
      next();
      return;
    }
    res.statusCode = 400;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ errors: [{ message: MISSING_QUERY, extensions: { code: 'BAD_REQUEST' } }] }));
  };
}
