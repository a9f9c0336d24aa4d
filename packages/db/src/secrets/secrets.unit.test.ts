import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecrets, encryptSecrets, envelopeKeyId, keyringFromEnv, secretsKey } from './secrets.js';

const key = (): string => randomBytes(32).toString('base64');

describe('integration secrets encryption', () => {
  it('round-trips JSON secrets and never stores them in clear', () => {
    const keyring = keyringFromEnv({ WAYMARK_SECRETS_KEY: key() });
    const envelope = encryptSecrets({ token: 'hs-secret-123', nested: { a: 1 } }, keyring, 'integration-1');
    expect(envelope).not.toContain('hs-secret-123');
    expect(envelope.split('.')).toHaveLength(5);
    expect(envelopeKeyId(envelope)).toBe(keyring.current.id);
    expect(decryptSecrets(envelope, keyring, 'integration-1')).toEqual({ token: 'hs-secret-123', nested: { a: 1 } });
  });

  it('uses a fresh IV every time', () => {
    const keyring = keyringFromEnv({ WAYMARK_SECRETS_KEY: key() });
    expect(encryptSecrets({ a: 1 }, keyring)).not.toBe(encryptSecrets({ a: 1 }, keyring));
  });

  it('refuses a ciphertext moved to another integration or tampered with', () => {
    const keyring = keyringFromEnv({ WAYMARK_SECRETS_KEY: key() });
    const envelope = encryptSecrets({ token: 'x' }, keyring, 'integration-1');
    expect(() => decryptSecrets(envelope, keyring, 'integration-2')).toThrow(/could not be decrypted/);
    const parts = envelope.split('.');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => decryptSecrets(parts.join('.'), keyring, 'integration-1')).toThrow(/could not be decrypted/);
  });

  it('reads secrets written under the previous key during a rotation, and names an unknown key', () => {
    const oldKey = key();
    const before = keyringFromEnv({ WAYMARK_SECRETS_KEY: oldKey });
    const envelope = encryptSecrets({ token: 'x' }, before);
    const during = keyringFromEnv({ WAYMARK_SECRETS_KEY: key(), WAYMARK_SECRETS_KEY_PREVIOUS: oldKey });
    expect(decryptSecrets(envelope, during)).toEqual({ token: 'x' });
    const after = keyringFromEnv({ WAYMARK_SECRETS_KEY: key() });
    expect(() => decryptSecrets(envelope, after)).toThrow(`secrets were encrypted with key ${before.current.id}, which is neither WAYMARK_SECRETS_KEY nor in WAYMARK_SECRETS_KEY_PREVIOUS`);
  });

  it('explains a missing or malformed key', () => {
    expect(() => keyringFromEnv({})).toThrow(/WAYMARK_SECRETS_KEY is not set/);
    expect(() => secretsKey(Buffer.from('short').toString('base64'))).toThrow(/must be 32 random bytes in base64 .* got 5 bytes/);
    expect(() => decryptSecrets('plain text', keyringFromEnv({ WAYMARK_SECRETS_KEY: key() }))).toThrow(/not a Waymark secrets envelope/);
  });
});
