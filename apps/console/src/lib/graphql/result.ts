// A panel's data or the reason it could not load, so one failing panel does not blank the page.
export type Result<T> = { ok: true; data: T } | { ok: false; error: string; code: string };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export async function settle<T>(promise: Promise<T>): Promise<Result<T>> {
  try {
    return ok(await promise);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'INTERNAL';
    return { ok: false, error: message, code };
  }
}

// Both results, or the first failure.
export async function both<A, B>(a: Promise<Result<A>>, b: Promise<Result<B>>): Promise<Result<[A, B]>> {
  const [ra, rb] = await Promise.all([a, b]);
  if (!ra.ok) return ra;
  if (!rb.ok) return rb;
  return ok([ra.data, rb.data]);
}
