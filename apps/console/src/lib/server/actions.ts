import { fail, type ActionFailure } from '@sveltejs/kit';
import type { Operation } from '$lib/graphql/operation.js';
import { ApiError, requestWith } from './api.js';

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

// The HTTP status a form failure gets for an API error code.
export function failureStatus(code: string): number {
  return STATUS[code] ?? 502;
}

export type Mutated<T> = { ok: true; data: T } | { ok: false; failure: ActionFailure<{ error: string }> };

// Runs a mutation for a form action; API errors come back to the form as a message, not a crash.
export async function mutate<TData, TVars>(token: string | undefined, op: Operation<TData, TVars>, variables: TVars): Promise<Mutated<TData>> {
  try {
    return { ok: true, data: await requestWith(token, op, variables) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { ok: false, failure: fail(failureStatus(error.code), { error: error.message }) };
  }
}

export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}
