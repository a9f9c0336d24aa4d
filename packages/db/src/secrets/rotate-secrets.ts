import type { Db } from '../client/db.js';
import { decryptSecrets, encryptSecrets, envelopeKeyId } from './secrets.js';
import type { Keyring } from './secrets.js';

export interface RotationResult {
  reencrypted: number;
  alreadyCurrent: number;
}

// Every sealed column, with the context its rows were encrypted under.
const SEALED = [
  { table: 'integrations', column: 'secrets', context: (id: string) => id },
  { table: 'notification_webhooks', column: 'target', context: (id: string) => `webhook:${id}` },
] as const;

// Re-encrypts every integration's secrets and every webhook's target under the current key (all
// workspaces: an operator task). Each row is rewritten only if it still holds the ciphertext that
// was read, so a concurrent change is never overwritten with stale secrets.
export async function reencryptAllSecrets(db: Db, keyring: Keyring): Promise<RotationResult> {
  const result: RotationResult = { reencrypted: 0, alreadyCurrent: 0 };
  for (const sealed of SEALED) {
    const rows = await db.query<{ id: string; sealed: string }>(`SELECT id, ${sealed.column} AS sealed FROM ${sealed.table} WHERE ${sealed.column} IS NOT NULL ORDER BY id`);
    for (const row of rows) {
      if (envelopeKeyId(row.sealed) === keyring.current.id) {
        result.alreadyCurrent += 1;
        continue;
      }
      const context = sealed.context(row.id);
      const fresh = encryptSecrets(decryptSecrets(row.sealed, keyring, context), keyring, context);
      const updated = await db.query(`UPDATE ${sealed.table} SET ${sealed.column} = $1 WHERE id = $2 AND ${sealed.column} = $3 RETURNING id`, [fresh, row.id, row.sealed]);
      if (updated.length === 1) result.reencrypted += 1;
    }
  }
  return result;
}
