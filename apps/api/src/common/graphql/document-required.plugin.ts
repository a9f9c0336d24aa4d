import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const MISSING_QUERY = 'The request body has no "query": send a JSON object such as {"query": "{ health { status } }", "variables": {}} '
  + '(or a persisted document: {"extensions": {"persistedQuery": {"sha256Hash": "…"}}}).';

function lacksDocument(params: object): boolean {
  return !('query' in params) && !('documentId' in params) && !('extensions' in params);
}

// A POST body without a document ({}) would get yoga's terse "Must provide query string."; name
// what is missing and how to send it instead. Runs before the persisted-documents plugin.
export function documentRequiredPlugin(): Plugin {
  return {
    onParams({ params, request }) {
      if (request.method !== 'POST' || !lacksDocument(params)) return;
      throw new GraphQLError(MISSING_QUERY, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
    },
  };
}
