import { env } from '$env/dynamic/private';
import { DEFAULT_API_URL } from './api.js';

// Reads a GraphQL-over-SSE response and yields each result's data object ("next" events, or bare data lines).
export async function* subscribe(token: string, document: string, variables: unknown, signal: AbortSignal): AsyncGenerator<Record<string, unknown>> {
  const response = await fetch(env.WAYMARK_API_URL || DEFAULT_API_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: document, variables }),
    signal,
  });
  if (!response.ok || !response.body) throw new Error(`The API refused the live progress stream (HTTP ${response.status}).`);
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = response.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    buffer += decoder.decode(next.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = message.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
      if (!data) continue;
      const parsed: unknown = JSON.parse(data);
      if (typeof parsed !== 'object' || parsed === null) continue;
      if ('errors' in parsed && Array.isArray(parsed.errors) && parsed.errors.length > 0) throw new Error(String(parsed.errors[0]?.message ?? 'subscription error'));
      if ('data' in parsed && typeof parsed.data === 'object' && parsed.data !== null) yield { ...parsed.data };
    }
  }
}
