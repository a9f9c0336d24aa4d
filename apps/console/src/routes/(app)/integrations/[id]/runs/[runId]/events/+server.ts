import { error } from '@sveltejs/kit';
import { SYNC_RUN_FIELDS } from '$lib/graphql/operation.js';
import { subscribe } from '$lib/server/sse.js';
import type { RequestHandler } from './$types.js';

const DOCUMENT = `subscription SyncRunProgress($id: ID!) { syncRunProgress(id: $id) { ${SYNC_RUN_FIELDS} } }`;

// Server-sent events for the sync page: the API's syncRunProgress subscription, proxied so the
// token stays in the server-side session.
export const GET: RequestHandler = ({ locals, params, request }) => {
  const token = locals.token;
  if (!token) error(401, 'Sign in first.');
  const upstream = new AbortController();
  request.signal.addEventListener('abort', () => upstream.abort());
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      try {
        for await (const data of subscribe(token, DOCUMENT, { id: params.runId }, upstream.signal)) send('run', data.syncRunProgress);
        send('end', null);
      } catch (cause) {
        if (!upstream.signal.aborted) send('failure', { message: cause instanceof Error ? cause.message : String(cause) });
      }
      controller.close();
    },
    cancel() {
      upstream.abort();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' } });
};
