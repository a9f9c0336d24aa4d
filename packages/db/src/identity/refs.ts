import { createHash } from 'node:crypto';

// Customer refs are "<kind>:<value>" (email:…, phone:…, crm:hubspot:123, booking:ical:ABC,
// social:mastodon:@x). E-mail and phone are normalised and, unless the workspace opted into raw
// storage, replaced by the SHA-256 hex of the normalised value, so the same person matches across
// sources without the contact detail being stored.

export class RefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefError';
  }
}

const KIND = /^[a-z][a-z0-9_-]*$/;
const HEX64 = /^[0-9a-f]{64}$/;
const MAX_REF_LENGTH = 512;

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function normalisePhone(value: string): string {
  return value.replace(/\D/g, '');
}

function contactRef(kind: 'email' | 'phone', raw: string, storeRaw: boolean): string {
  const trimmed = raw.trim();
  // Already hashed by the source: keep as is (lower-cased).
  if (HEX64.test(trimmed.toLowerCase())) return `${kind}:${trimmed.toLowerCase()}`;
  const value = kind === 'email' ? normaliseEmail(trimmed) : normalisePhone(trimmed);
  if (kind === 'email' && !/^[^@\s]+@[^@\s]+$/.test(value)) throw new RefError(`email ref must hold an e-mail address or its SHA-256, got "${raw}"`);
  if (kind === 'phone' && value.length < 5) throw new RefError(`phone ref must hold at least 5 digits, got "${raw}"`);
  return `${kind}:${storeRaw ? value : sha256(value)}`;
}

// A stored raw contact ref ("email:ana@example.com") in its hashed form; it was validated when it came in.
export function hashedContactRef(ref: string): string {
  const at = ref.indexOf(':');
  const kind = ref.slice(0, at);
  const value = ref.slice(at + 1);
  return `${kind}:${sha256(kind === 'email' ? normaliseEmail(value) : normalisePhone(value))}`;
}

export function normaliseRef(ref: string, storeRaw: boolean): string {
  const at = ref.indexOf(':');
  const kind = at > 0 ? ref.slice(0, at).trim().toLowerCase() : '';
  const value = at > 0 ? ref.slice(at + 1) : '';
  if (!KIND.test(kind) || value.trim().length === 0) throw new RefError(`customer ref must look like "<kind>:<value>" (e.g. "email:ana@example.com", "crm:hubspot:123"), got "${ref}"`);
  if (kind === 'email' || kind === 'phone') return contactRef(kind, value, storeRaw);
  const out = `${kind}:${value.trim()}`;
  if (out.length > MAX_REF_LENGTH) throw new RefError(`customer ref is longer than ${MAX_REF_LENGTH} characters`);
  return out;
}
