import type { ActivityDeps } from '@waymark/workflows';

export { ingestHostPage } from '@waymark/workflows';

// Integration secrets are AES-256-GCM ciphertext written by the API (WAYMARK_SECRETS_KEY).
export function secretsDecryptor(): ActivityDeps['decryptSecrets'] {
  return (ciphertext) => {
    if (ciphertext === null) return {};
    throw new Error('integration secrets decryption is not wired');
  };
}
