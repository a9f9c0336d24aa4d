import type { ActivityDeps, IngestPage } from '@waymark/workflows';

export const ingestHostPage: IngestPage = () => Promise.reject(new Error('pending'));

// Integration secrets are AES-256-GCM ciphertext written by the API (WAYMARK_SECRETS_KEY).
export function secretsDecryptor(): ActivityDeps['decryptSecrets'] {
  return (ciphertext) => {
    if (ciphertext === null) return {};
    throw new Error('integration secrets decryption is not wired');
  };
}
