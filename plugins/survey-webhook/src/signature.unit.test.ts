import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidTypeformSignature, typeformSignature } from './signature.js';

const body = new TextEncoder().encode('{"event_id":"1","form_response":{}}');

describe('Typeform signature', () => {
  it('is sha256= followed by the base64 HMAC-SHA256 of the raw body', () => {
    const expected = createHmac('sha256', 'whsec-test').update(body).digest('base64');
    expect(typeformSignature(body, 'whsec-test')).toBe(`sha256=${expected}`);
  });

  it('accepts the right signature and rejects a wrong secret, a changed body, a missing or malformed header', () => {
    const header = typeformSignature(body, 'whsec-test');
    expect(isValidTypeformSignature(body, header, 'whsec-test')).toBe(true);
    expect(isValidTypeformSignature(body, header, 'other-secret')).toBe(false);
    expect(isValidTypeformSignature(new TextEncoder().encode('{"event_id":"2"}'), header, 'whsec-test')).toBe(false);
    expect(isValidTypeformSignature(body, undefined, 'whsec-test')).toBe(false);
    expect(isValidTypeformSignature(body, header.replace('sha256=', 'sha1='), 'whsec-test')).toBe(false);
    expect(isValidTypeformSignature(body, 'sha256=short', 'whsec-test')).toBe(false);
  });
});
