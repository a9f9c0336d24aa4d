import type { Db, SqlRunner } from '../client/db.js';
import { DbError } from '../client/db.js';
import { assertWorkspaceId } from '../scoping/workspace-scope.js';
import { validateEvent } from './event-input.js';
import { storeValidRows } from './ingest-events.js';
import type { Refused, ValidRow } from './ingest-events.js';
import { batchTransaction } from './write-events.js';

// Refused rows run through ingestion again once what refused them is fixed (most often a touchpoint
// key that did not exist yet). A row that is stored now, or was stored meanwhile by a later sync,
// leaves the review list; one still refused stays, with the reason it gets now and one more retry
// counted. Rows are taken FOR UPDATE SKIP LOCKED, so two retries at once never store a row twice.

export interface RetryFilter {
  ids?: readonly bigint[] | null;
  syncRunId?: string | null;
  source?: string | null;
  // Continue after this row id (the endCursor of an earlier call).
  after?: bigint | null;
}

export interface StillRejected {
  id: bigint;
  // The row's index in the input it first came with.
  index: number;
  externalId: string | null;
  reason: string;
}

export interface RetryResult {
  retried: number;
  accepted: number;
  duplicates: number;
  stillRejected: StillRejected[];
  // Rows matching the filter after the last one this call took; continue with after = lastId.
  remaining: number;
  lastId: bigint | null;
}

export const RETRY_BATCH = 5000;
export const MAX_RETRY_ROWS = 50_000;

interface StoredRow {
  id: string;
  source: string;
  external_id: string | null;
  row_index: number;
  reason: string;
  payload: unknown;
}

// Rows in id order after $5, so a call that stops at its limit is continued, never repeated.
const MATCHING = `FROM rejected_events WHERE workspace_id = $1::uuid AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
  AND ($3::uuid IS NULL OR sync_run_id = $3::uuid) AND ($4::text IS NULL OR source = $4::text) AND id > $5::bigint`;

function filterParams(workspaceId: string, filter: RetryFilter, after: bigint): unknown[] {
  return [workspaceId, filter.ids ? filter.ids.map(String) : null, filter.syncRunId ?? null, filter.source ?? null, after.toString()];
}

function checkFilter(workspaceId: string, filter: RetryFilter, limit: number): void {
  assertWorkspaceId(workspaceId);
  if (filter.syncRunId && !/^[0-9a-f-]{36}$/i.test(filter.syncRunId)) throw new DbError('INVALID_CONFIG', `syncRunId must be a UUID, got "${filter.syncRunId}"`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RETRY_ROWS) throw new DbError('INVALID_CONFIG', `limit must be an integer 1–${MAX_RETRY_ROWS}, got ${limit}`);
}

function validate(rows: readonly StoredRow[]): { valid: ValidRow[]; invalid: number[] } {
  const valid: ValidRow[] = [];
  const invalid: number[] = [];
  rows.forEach((row, index) => {
    const result = validateEvent(row.payload, row.source);
    if (result.ok) valid.push({ index, input: row.payload, event: result.event });
    else invalid.push(index);
  });
  return { valid, invalid };
}

// A row that fails validation again keeps the reason it was given: its payload has not changed, and
// a plugin's own reason ("row 12: no date") says more than the event check would.
async function markRetried(tx: SqlRunner, workspaceId: string, rows: readonly StoredRow[], refused: readonly Refused[], invalid: readonly number[]): Promise<void> {
  const ids = [...refused.map((r) => rows[r.index]?.id), ...invalid.map((i) => rows[i]?.id)];
  const reasons = [...refused.map((r) => r.reason), ...invalid.map((i) => rows[i]?.reason)];
  if (ids.length === 0) return;
  await tx.query(
    `UPDATE rejected_events r SET reason = t.reason, retries = r.retries + 1, retried_at = now()
     FROM unnest($2::bigint[], $3::text[]) AS t(id, reason) WHERE r.workspace_id = $1::uuid AND r.id = t.id`,
    [workspaceId, ids, reasons],
  );
}

async function dropStored(tx: SqlRunner, workspaceId: string, rows: readonly StoredRow[], keep: ReadonlySet<number>): Promise<void> {
  const ids = rows.filter((_row, index) => !keep.has(index)).map((row) => row.id);
  if (ids.length === 0) return;
  await tx.query('DELETE FROM rejected_events WHERE workspace_id = $1::uuid AND id = ANY($2::bigint[])', [workspaceId, ids]);
}

function stillRejected(rows: readonly StoredRow[], refused: readonly Refused[], invalid: readonly number[]): StillRejected[] {
  const out = [
    ...refused.map((r) => ({ index: r.index, reason: r.reason })),
    ...invalid.map((index) => ({ index, reason: rows[index]?.reason ?? '' })),
  ].sort((a, b) => a.index - b.index);
  return out.map(({ index, reason }) => ({ id: BigInt(rows[index]?.id ?? 0), index: rows[index]?.row_index ?? 0, externalId: rows[index]?.external_id ?? null, reason }));
}

interface BatchOutcome {
  rows: StoredRow[];
  accepted: number;
  duplicates: number;
  stillRejected: StillRejected[];
}

// One transaction: a batch stores whole or not at all, so nothing a finished batch accepted is lost.
function retryBatch(db: Db, workspaceId: string, params: unknown[], size: number): Promise<BatchOutcome> {
  return batchTransaction(db, async (tx) => {
    const rows = await tx.query<StoredRow>(`SELECT id::text AS id, source, external_id, row_index, reason, payload ${MATCHING} ORDER BY id LIMIT ${size} FOR UPDATE SKIP LOCKED`, params);
    const { valid, invalid } = validate(rows);
    const refused: Refused[] = [];
    const stored = await storeValidRows(tx, workspaceId, valid, refused, false);
    await markRetried(tx, workspaceId, rows, refused, invalid);
    await dropStored(tx, workspaceId, rows, new Set([...refused.map((r) => r.index), ...invalid]));
    return { rows, accepted: stored.inserted, duplicates: stored.considered - stored.inserted, stillRejected: stillRejected(rows, refused, invalid) };
  });
}

export async function retryRejectedEvents(db: Db, workspaceId: string, filter: RetryFilter = {}, limit = MAX_RETRY_ROWS): Promise<RetryResult> {
  checkFilter(workspaceId, filter, limit);
  const result: RetryResult = { retried: 0, accepted: 0, duplicates: 0, stillRejected: [], remaining: 0, lastId: null };
  let after = filter.after ?? 0n;
  while (result.retried < limit) {
    const batch = await retryBatch(db, workspaceId, filterParams(workspaceId, filter, after), Math.min(RETRY_BATCH, limit - result.retried));
    const last = batch.rows.at(-1);
    if (!last) break;
    after = BigInt(last.id);
    result.lastId = after;
    result.retried += batch.rows.length;
    result.accepted += batch.accepted;
    result.duplicates += batch.duplicates;
    result.stillRejected.push(...batch.stillRejected);
  }
  const [left] = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${MATCHING}`, filterParams(workspaceId, filter, after));
  result.remaining = Number(left?.n ?? 0);
  return result;
}
