import type { Keyring } from '@waymark/db';
import { decryptSecrets, keyringFromEnv } from '@waymark/db';
import type { PluginSecrets } from '@waymark/plugin-sdk';

export type SecretsDecryptor = (envelope: string, integrationId: string) => PluginSecrets;

// Decrypts integrations.secrets with WAYMARK_SECRETS_KEY (and _PREVIOUS); the key is read on first
// use, so a worker whose integrations have no secrets runs without one.
export function envSecretsDecryptor(env: NodeJS.ProcessEnv = process.env): SecretsDecryptor {
  let keyring: Keyring | undefined;
  return (envelope, integrationId) => {
    keyring ??= keyringFromEnv(env);
    const plain = decryptSecrets(envelope, keyring, integrationId);
    return Object.fromEntries(Object.entries(plain).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  };
}
