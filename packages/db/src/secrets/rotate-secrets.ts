import type { Db } from '../client/db.js';
import { decryptSecrets, encryptSecrets, envelopeKeyId } from './secrets.js';
import type { Keyring } from './secrets.js';

export interface RotationResult {
  reencrypted: number;
  alreadyCurrent: number;
}

// Re-encrypts every integration's secrets under the current key (all workspaces: an operator task).
// Each row is rewritten only if it still holds the ciphertext that was read, so a concurrent
// configureIntegration is never overwritten with stale secrets.
export async function reencryptAllSecrets(db: Db, keyring: Keyring): Promise<RotationResult> {
  const rows = await db.query<{ id: string; secrets: string }>('SELECT id, secrets FROM integrations WHERE secrets IS NOT NULL ORDER BY id');
  const result: RotationResult = { reencrypted: 0, alreadyCurrent: 0 };
  for (const row of rows) {
    if (envelopeKeyId(row.secrets) === keyring.current.id) {
      result.alreadyCurrent += 1;
      continue;
    }
    const fresh = encryptSecrets(decryptSecrets(row.secrets, keyring, row.id), keyring, row.id);
    const updated = await db.query('UPDATE integrations SET secrets = $1 WHERE id = $2 AND secrets = $3 RETURNING id', [fresh, row.id, row.secrets]);
    if (updated.length === 1) result.reencrypted += 1;
  }
  return result;
}
