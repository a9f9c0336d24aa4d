import { randomBytes } from 'node:crypto';
import { encryptSecrets, keyringFromEnv } from '@waymark/db';
import { describe, expect, it } from 'vitest';
import { envSecretsDecryptor } from './secrets.js';

describe('envSecretsDecryptor', () => {
  const env = { WAYMARK_SECRETS_KEY: randomBytes(32).toString('base64') };

  it('decrypts the API-written envelope of an integration into string secrets', () => {
    const envelope = encryptSecrets({ apiKey: 'k-123', port: 8443 }, keyringFromEnv(env), 'integration-1');
    expect(envSecretsDecryptor(env)(envelope, 'integration-1')).toEqual({ apiKey: 'k-123', port: '8443' });
  });

  it('refuses an envelope copied to another integration', () => {
    const envelope = encryptSecrets({ apiKey: 'k' }, keyringFromEnv(env), 'integration-1');
    expect(() => envSecretsDecryptor(env)(envelope, 'integration-2')).toThrow(/could not be decrypted/);
  });

  it('names the missing key only when a secret must be read', () => {
    const decrypt = envSecretsDecryptor({});
    expect(() => decrypt('wm1.x.a.b.c', 'i')).toThrow(/WAYMARK_SECRETS_KEY is not set/);
  });
});
