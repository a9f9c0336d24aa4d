import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';

const Manifest = z.record(z.string().regex(/^[0-9a-f]{64}$/, 'keys must be sha256 hex digests'), z.string().min(1));

export function readTrustedDocuments(path: string): Map<string, string> {
  const parsed = Manifest.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a trusted-documents manifest ({ "<sha256>": "<document>" }): ${parsed.error.message}`);
  return new Map(Object.entries(parsed.data));
}

export function sha256(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

function persistedHash(extensions: Record<string, unknown> | undefined): string | undefined {
  const persisted = extensions?.persistedQuery;
  if (typeof persisted !== 'object' || persisted === null || !('sha256Hash' in persisted)) return undefined;
  return typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

function documentIdOf(params: object): string | undefined {
  return 'documentId' in params && typeof params.documentId === 'string' ? params.documentId : undefined;
}

// Persisted documents: a client may send { extensions: { persistedQuery: { sha256Hash } } } (or
// documentId) instead of the text. With onlyTrusted, any other document is refused.
export function trustedDocumentsPlugin(documents: Map<string, string>, onlyTrusted: boolean): Plugin {
  const trusted = new Set(documents.values());
  return {
    onParams({ params, setParams }) {
      const id = persistedHash(params.extensions) ?? documentIdOf(params);
      if (!params.query && id) {
        const query = documents.get(id);
        if (!query) throw new GraphQLError(`Unknown persisted document ${id}; regenerate the console's document manifest.`, { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } });
        setParams({ ...params, query });
        return;
      }
      if (onlyTrusted && (!params.query || !trusted.has(params.query))) {
        throw new GraphQLError('This server only runs trusted documents; send a documentId from the manifest.', { extensions: { code: 'FORBIDDEN', http: { status: 400 } } });
      }
    },
  };
}
