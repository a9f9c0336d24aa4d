import { createHmac, timingSafeEqual } from 'node:crypto';

/** Typeform's `Typeform-Signature` value for `rawBody`: `sha256=` + base64 HMAC-SHA256. */
export function typeformSignature(rawBody: Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('base64')}`;
}

/** Timing-safe check of a `Typeform-Signature` header against the raw body. */
export function isValidTypeformSignature(rawBody: Uint8Array, header: string | undefined, secret: string): boolean {
  if (header === undefined || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(typeformSignature(rawBody, secret));
  const received = Buffer.from(header.trim());
  // timingSafeEqual needs equal lengths; a length mismatch is a mismatch.
  return expected.length === received.length && timingSafeEqual(expected, received);
}
