import { env } from '$env/dynamic/private';
import type { Operation } from '$lib/graphql/operation.js';

export const DEFAULT_API_URL = 'http://127.0.0.1:4000/graphql';

// A GraphQL error from the API, or a transport failure (code UNAVAILABLE).
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResponse {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function apiUrl(): string {
  return env.WAYMARK_API_URL || DEFAULT_API_URL;
}

// A page streams its panels; a bound on each call keeps one slow query from holding the page open.
function timeoutMs(): number {
  const configured = Number(env.WAYMARK_API_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 20_000;
}

async function post(token: string | undefined, document: string, variables: unknown): Promise<GraphQLResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let status: number;
  let text: string;
  try {
    const response = await fetch(apiUrl(), { method: 'POST', headers, body: JSON.stringify({ query: document, variables }), signal: AbortSignal.timeout(timeoutMs()) });
    status = response.status;
    text = await response.text();
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'TimeoutError') {
      throw new ApiError(`The API did not answer within ${timeoutMs() / 1000} s; try a shorter date range or a narrower filter.`, 'TIMEOUT');
    }
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ApiError(`The Waymark API at ${apiUrl()} cannot be reached (${reason}). Is it running?`, 'UNAVAILABLE');
  }
  try {
    return JSON.parse(text) as GraphQLResponse;
  } catch {
    throw new ApiError(`The API answered HTTP ${status} with a body that is not JSON.`, 'INTERNAL');
  }
}

// Runs a raw document; used for documents composed at runtime (aliased batches).
export async function requestRaw(token: string | undefined, document: string, variables: unknown = {}): Promise<Record<string, unknown>> {
  const body = await post(token, document, variables);
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL');
  if (typeof body.data !== 'object' || body.data === null) throw new ApiError('The API answered without data.', 'INTERNAL');
  return { ...body.data };
}

export async function requestWith<TData, TVars>(token: string | undefined, op: Operation<TData, TVars>, variables: TVars): Promise<TData> {
  const data = await requestRaw(token, op.document, variables);
  // The document fixes the shape; the contract types it.
  return data as TData;
}

export function request<TData, TVars>(
  token: string | undefined,
  op: Operation<TData, TVars>,
  ...variables: TVars extends Record<string, never> ? [] : [TVars]
): Promise<TData> {
  return requestRaw(token, op.document, variables[0] ?? {}).then((data) => data as TData);
}
