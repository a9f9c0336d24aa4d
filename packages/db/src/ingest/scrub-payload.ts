import { RefError, normaliseRef } from '../identity/refs.js';

// A refused row is kept with its payload for review and retry. Unless the workspace stores contacts
// raw, the e-mail and phone refs in it are kept as their hashes, as an accepted row's would be: a
// retry matches the same customer, and the review list holds no contact details. A ref that is not
// a valid contact (often why the row was refused) is kept as given.

const CONTACT = /^\s*(email|phone)\s*:/i;

function scrubRef(ref: unknown, storeRaw: boolean): unknown {
  if (typeof ref !== 'string' || !CONTACT.test(ref)) return ref;
  try {
    return normaliseRef(ref, storeRaw);
  } catch (error) {
    if (error instanceof RefError) return ref;
    throw error;
  }
}

export function scrubContactRefs(input: unknown, storeRaw: boolean): unknown {
  if (storeRaw || typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  if ('customerRef' in out) out.customerRef = scrubRef(out.customerRef, storeRaw);
  if (Array.isArray(out.linkedRefs)) out.linkedRefs = out.linkedRefs.map((ref: unknown) => scrubRef(ref, storeRaw));
  return out;
}

