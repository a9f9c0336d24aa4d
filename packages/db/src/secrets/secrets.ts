import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Integration secrets at rest: AES-256-GCM, a fresh 96-bit IV per encryption, the key id in the
// envelope so a rotated key can still read older rows until they are re-encrypted.
// Envelope: "wm1.<keyId>.<iv>.<tag>.<ciphertext>" (base64url parts).

export class SecretsError extends Error {
  constructor(
    readonly code: 'MISSING_KEY' | 'INVALID_KEY' | 'UNKNOWN_KEY' | 'INVALID_ENVELOPE' | 'DECRYPT_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'SecretsError';
  }
}

export interface SecretsKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: SecretsKey;
  previous: SecretsKey[];
}

const VERSION = 'wm1';

// The key id is derived from the key, so configuration is only the key itself.
export function secretsKey(base64: string, name = 'WAYMARK_SECRETS_KEY'): SecretsKey {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) {
    throw new SecretsError('INVALID_KEY', `${name} must be 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`), got ${key.length} bytes`);
  }
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

export function keyringFromEnv(env: NodeJS.ProcessEnv = process.env): Keyring {
  const current = env.WAYMARK_SECRETS_KEY;
  if (!current) throw new SecretsError('MISSING_KEY', 'WAYMARK_SECRETS_KEY is not set; generate one with `openssl rand -base64 32`');
  const previous = (env.WAYMARK_SECRETS_KEY_PREVIOUS ?? '')
    .split(',')
    .filter((part) => part.trim().length > 0)
    .map((part) => secretsKey(part, 'WAYMARK_SECRETS_KEY_PREVIOUS'));
  return { current: secretsKey(current), previous };
}

export function envelopeKeyId(envelope: string): string {
  const parts = envelope.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION || !parts[1]) throw new SecretsError('INVALID_ENVELOPE', 'stored secrets are not a Waymark secrets envelope');
  return parts[1];
}

// context (e.g. the integration id) is authenticated, so a ciphertext copied to another row fails.
export function encryptSecrets(value: Record<string, unknown>, keyring: Keyring, context = ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
  return [VERSION, keyring.current.id, ...parts].join('.');
}

export function decryptSecrets(envelope: string, keyring: Keyring, context = ''): Record<string, unknown> {
  const keyId = envelopeKeyId(envelope);
  const key = [keyring.current, ...keyring.previous].find((k) => k.id === keyId);
  if (!key) {
    throw new SecretsError('UNKNOWN_KEY', `secrets were encrypted with key ${keyId}, which is neither WAYMARK_SECRETS_KEY nor in WAYMARK_SECRETS_KEY_PREVIOUS`);
  }
  const [, , iv = '', tag = '', ciphertext = ''] = envelope.split('.');
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  let plain: string;
  try {
    plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SecretsError('DECRYPT_FAILED', `secrets could not be decrypted (tampered, or stored for another integration): ${reason}`);
  }
  const parsed: unknown = JSON.parse(plain);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SecretsError('INVALID_ENVELOPE', 'decrypted secrets are not a JSON object');
  return Object.fromEntries(Object.entries(parsed));
}
