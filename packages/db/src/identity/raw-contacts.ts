import type { Db, SqlRunner } from '../client/db.js';
import { DbError } from '../client/db.js';
import { assertWorkspaceId } from '../scoping/workspace-scope.js';
import { scrubContactRefs } from '../ingest/scrub-payload.js';
import { hashedContactRef } from './refs.js';
import { lockWorkspaceIdentities, stitchIdentities } from './stitch.js';

// Whether a workspace keeps customers' e-mail addresses and phone numbers as given or as their
// SHA-256 (the default). Both changes first take the workspace row, which every ingest batch reads
// FOR SHARE before it stitches: batches in flight finish first, later ones see the new setting.

const CONTACTS = "FROM customer_identities WHERE workspace_id = $1 AND (ref LIKE 'email:%' OR ref LIKE 'phone:%')";
const HASHED = "substring(ref from position(':' in ref) + 1) ~ '^[0-9a-f]{64}$'";
const BATCH = 5000;

export type RawContactsChange = { ok: true; hashed: number } | { ok: false; hashedContacts: number };

// The workspace row first (ingest batches hold it FOR SHARE until they commit; rows that merely
// reference it are not held up), then the stitching lock.
async function lockForChange(tx: SqlRunner, workspaceId: string): Promise<void> {
  const rows = await tx.query<{ id: string }>('SELECT id FROM workspaces WHERE id = $1 FOR NO KEY UPDATE', [workspaceId]);
  if (!rows[0]) throw new DbError('NOT_FOUND', `workspace ${workspaceId} does not exist`);
  await lockWorkspaceIdentities(tx, workspaceId);
}

async function setFlag(tx: SqlRunner, workspaceId: string, storeRaw: boolean): Promise<void> {
  await tx.query('UPDATE workspaces SET store_raw_contacts = $2 WHERE id = $1', [workspaceId, storeRaw]);
}

// Raw storage can start only while no contact is stored hashed: a hash cannot be turned back, so
// that person, seen again with raw storage on, would become a second customer.
export async function enableRawContacts(db: Db, workspaceId: string): Promise<RawContactsChange> {
  assertWorkspaceId(workspaceId);
  return db.transaction(async (tx) => {
    await lockForChange(tx, workspaceId);
    const [row] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n ${CONTACTS} AND ${HASHED}`, [workspaceId]);
    const hashedContacts = Number(row?.n ?? 0);
    if (hashedContacts > 0) return { ok: false, hashedContacts };
    await setFlag(tx, workspaceId, true);
    return { ok: true, hashed: 0 };
  });
}

// Refused rows kept for review hold the refs they came with; they are hashed too, so no raw contact
// stays anywhere once raw storage is off.
async function hashRejectedPayloads(tx: SqlRunner, workspaceId: string): Promise<void> {
  let after = '0';
  for (;;) {
    const rows = await tx.query<{ id: string; payload: unknown }>(
      `SELECT id::text AS id, payload FROM rejected_events WHERE workspace_id = $1 AND id > $2::bigint
         AND (payload->>'customerRef' ~* '^\\s*(email|phone)\\s*:' OR jsonb_typeof(payload->'linkedRefs') = 'array')
       ORDER BY id LIMIT ${BATCH}`,
      [workspaceId, after],
    );
    const last = rows.at(-1);
    if (!last) return;
    after = last.id;
    const changed = rows.map((r) => ({ id: r.id, payload: JSON.stringify(scrubContactRefs(r.payload, false)) })).filter((r, i) => r.payload !== JSON.stringify(rows[i]?.payload));
    if (changed.length === 0) continue;
    await tx.query(
      'UPDATE rejected_events r SET payload = t.payload FROM unnest($2::bigint[], $3::jsonb[]) AS t(id, payload) WHERE r.workspace_id = $1 AND r.id = t.id',
      [workspaceId, changed.map((r) => r.id), changed.map((r) => r.payload)],
    );
  }
}

// Back to hashes: each raw contact is replaced by its hash. Stitching joins the hash to the raw
// identity's customer, merging with a customer that already holds that hash, then the raw one goes.
export async function disableRawContacts(db: Db, workspaceId: string): Promise<RawContactsChange> {
  assertWorkspaceId(workspaceId);
  return db.transaction(async (tx) => {
    await lockForChange(tx, workspaceId);
    await setFlag(tx, workspaceId, false);
    await hashRejectedPayloads(tx, workspaceId);
    let hashed = 0;
    for (;;) {
      const raw = await tx.query<{ id: string; ref: string }>(`SELECT id, ref ${CONTACTS} AND NOT ${HASHED} ORDER BY id LIMIT ${BATCH}`, [workspaceId]);
      if (raw.length === 0) return { ok: true, hashed };
      await stitchIdentities(tx, workspaceId, raw.map((r) => [r.ref, hashedContactRef(r.ref)]));
      await tx.query('DELETE FROM customer_identities WHERE workspace_id = $1 AND id = ANY($2::uuid[])', [workspaceId, raw.map((r) => r.id)]);
      hashed += raw.length;
    }
  });
}
