import type { Db, SqlRunner } from '../client/db.js';
import { DbError } from '../client/db.js';
import { RefError, normaliseRef } from '../identity/refs.js';
import { stitchIdentities } from '../identity/stitch.js';
import { assertWorkspaceId } from '../scoping/workspace-scope.js';
import { validateEvent } from './event-input.js';
import type { ValidEvent } from './event-input.js';
import { batchTransaction } from './write-events.js';
import type { BatchTx } from './write-events.js';
import { scrubContactRefs } from './scrub-payload.js';

// The one ingestion path for ingestEvents, file imports and syncs. Each batch is one transaction of
// a few set-based statements: touchpoint keys resolved at once, identities stitched at once, events
// written in one statement (write-events.ts) with ON CONFLICT DO NOTHING on (workspace, source, externalId), refused rows
// kept in rejected_events with their reason. Nothing accepted is lost: a batch commits whole or not.

export interface IngestOptions {
  syncRunId?: string;
  // Used when an event has no source (e.g. a plugin's id for its records).
  defaultSource?: string;
  batchSize?: number;
  // Record the new events' ids for a later KPI fold (foldPendingKpis) instead of updating the KPI
  // pre-aggregates in the batch transaction. For bulk writers that fold on another connection.
  deferKpis?: boolean;
}

export interface RejectedRow {
  index: number;
  externalId: string | null;
  reason: string;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedRow[];
}

export const DEFAULT_BATCH_SIZE = 5000;

interface Ready {
  index: number;
  event: ValidEvent;
  touchpointId: string;
  refs: string[];
}

export interface Refused {
  index: number;
  input: unknown;
  reason: string;
}

const field = (input: unknown, key: string): string | null => {
  if (typeof input !== 'object' || input === null || !(key in input)) return null;
  const value: unknown = Reflect.get(input, key);
  return typeof value === 'string' ? value : null;
};

function payloadJson(input: unknown): string {
  return JSON.stringify(input, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)) ?? 'null';
}

async function loadContext(tx: SqlRunner, workspaceId: string, keys: string[], deferKpis: boolean): Promise<{ storeRaw: boolean; touchpoints: Map<string, string> }> {
  // waymark.kpi_defer is read by the events triggers, for this transaction only.
  const ws = await tx.query<{ store_raw_contacts: boolean }>(
    // FOR SHARE: a change of store_raw_contacts waits for this batch, and this batch for it.
    "SELECT store_raw_contacts, set_config('waymark.kpi_defer', $2, true) FROM workspaces WHERE id = $1 FOR SHARE",
    [workspaceId, deferKpis ? 'on' : 'off'],
  );
  if (!ws[0]) throw new DbError('NOT_FOUND', `workspace ${workspaceId} does not exist`);
  const rows = await tx.query<{ id: string; key: string }>('SELECT id, key FROM touchpoints WHERE workspace_id = $1 AND key = ANY($2::text[])', [workspaceId, keys]);
  return { storeRaw: ws[0].store_raw_contacts, touchpoints: new Map(rows.map((r) => [r.key, r.id])) };
}

function prepare(valid: readonly ValidRow[], storeRaw: boolean, touchpoints: Map<string, string>, refused: Refused[]): Ready[] {
  const ready: Ready[] = [];
  for (const { index, input, event } of valid) {
    const touchpointId = touchpoints.get(event.touchpointKey);
    if (touchpointId === undefined) {
      refused.push({ index, input, reason: `unknown touchpoint key "${event.touchpointKey}"` });
      continue;
    }
    try {
      const refs = [event.customerRef, ...(event.linkedRefs ?? [])].map((ref) => normaliseRef(ref, storeRaw));
      ready.push({ index, event, touchpointId, refs });
    } catch (error) {
      if (!(error instanceof RefError)) throw error;
      refused.push({ index, input, reason: error.message });
    }
  }
  return ready;
}

function customerOf(customerByRef: ReadonlyMap<string, string>, row: Ready): string {
  const id = customerByRef.get(row.refs[0] ?? '');
  // Stitching returns a customer for every ref it was given; a miss is a bug, not bad input.
  if (id === undefined) throw new Error(`identity stitching returned no customer for event ${row.index}`);
  return id;
}

async function keepRefused(tx: SqlRunner, workspaceId: string, refused: Refused[], options: IngestOptions, storeRaw: boolean): Promise<void> {
  if (refused.length === 0) return;
  await tx.query(
    `INSERT INTO rejected_events (workspace_id, source, external_id, row_index, reason, payload, sync_run_id)
     SELECT $1, t.source, t.external_id, t.row_index, t.reason, t.payload, $7::uuid
     FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::jsonb[]) AS t(source, external_id, row_index, reason, payload)`,
    [
      workspaceId,
      refused.map((r) => field(r.input, 'source') ?? options.defaultSource ?? 'unknown'),
      refused.map((r) => field(r.input, 'externalId')),
      refused.map((r) => r.index),
      refused.map((r) => r.reason),
      refused.map((r) => payloadJson(scrubContactRefs(r.input, storeRaw))),
      options.syncRunId ?? null,
    ],
  );
}

export interface ValidRow {
  index: number;
  input: unknown;
  event: ValidEvent;
}

export interface StoredBatch {
  inserted: number;
  // Rows that reached the write: stored now or already stored (duplicates).
  considered: number;
  storeRaw: boolean;
}

// Resolves, stitches and writes valid rows inside the caller's batch transaction; rows that cannot
// be resolved are added to `refused`.
export async function storeValidRows(tx: BatchTx, workspaceId: string, valid: readonly ValidRow[], refused: Refused[], deferKpis: boolean): Promise<StoredBatch> {
  const { storeRaw, touchpoints } = await loadContext(tx, workspaceId, [...new Set(valid.map((v) => v.event.touchpointKey))], deferKpis);
  const ready = prepare(valid, storeRaw, touchpoints, refused);
  if (ready.length === 0) return { inserted: 0, considered: 0, storeRaw };
  const { customerByRef } = await stitchIdentities(tx, workspaceId, ready.map((r) => r.refs));
  const inserted = await tx.writeEvents(workspaceId, ready.map((r) => ({ event: r.event, touchpointId: r.touchpointId, customerId: customerOf(customerByRef, r) })));
  return { inserted, considered: ready.length, storeRaw };
}

async function ingestBatch(db: Db, workspaceId: string, inputs: readonly unknown[], offset: number, options: IngestOptions): Promise<IngestResult> {
  const refused: Refused[] = [];
  const valid: ValidRow[] = [];
  inputs.forEach((input, i) => {
    const result = validateEvent(input, options.defaultSource);
    if (result.ok) valid.push({ index: offset + i, input, event: result.event });
    else refused.push({ index: offset + i, input, reason: result.reason });
  });
  const stored = await batchTransaction(db, async (tx) => {
    const batch = await storeValidRows(tx, workspaceId, valid, refused, options.deferKpis === true);
    // Kept in input order, so the review list reads as the source sent it.
    refused.sort((a, b) => a.index - b.index);
    await keepRefused(tx, workspaceId, refused, options, batch.storeRaw);
    return batch;
  });
  return {
    accepted: stored.inserted,
    duplicates: stored.considered - stored.inserted,
    rejected: refused.map((r) => ({ index: r.index, externalId: field(r.input, 'externalId'), reason: r.reason })),
  };
}

function checkOptions(workspaceId: string, options: IngestOptions): number {
  assertWorkspaceId(workspaceId);
  if (options.syncRunId !== undefined && !/^[0-9a-f-]{36}$/i.test(options.syncRunId)) {
    throw new DbError('INVALID_CONFIG', `syncRunId must be a UUID, got "${options.syncRunId}"`);
  }
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(size) || size < 1) throw new DbError('INVALID_CONFIG', `batchSize must be a positive integer, got ${size}`);
  return size;
}

function add(total: IngestResult, part: IngestResult): void {
  total.accepted += part.accepted;
  total.duplicates += part.duplicates;
  for (const row of part.rejected) total.rejected.push(row);
}

export async function ingestEvents(db: Db, workspaceId: string, events: readonly unknown[], options: IngestOptions = {}): Promise<IngestResult> {
  const size = checkOptions(workspaceId, options);
  const total: IngestResult = { accepted: 0, duplicates: 0, rejected: [] };
  for (let offset = 0; offset < events.length; offset += size) {
    add(total, await ingestBatch(db, workspaceId, events.slice(offset, offset + size), offset, options));
  }
  return total;
}

// For files and long syncs: memory stays flat whatever the number of rows.
export async function ingestEventStream(
  db: Db,
  workspaceId: string,
  events: AsyncIterable<unknown> | Iterable<unknown>,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const size = checkOptions(workspaceId, options);
  const total: IngestResult = { accepted: 0, duplicates: 0, rejected: [] };
  let batch: unknown[] = [];
  let offset = 0;
  for await (const event of events) {
    batch.push(event);
    if (batch.length < size) continue;
    add(total, await ingestBatch(db, workspaceId, batch, offset, options));
    offset += batch.length;
    batch = [];
  }
  if (batch.length > 0) add(total, await ingestBatch(db, workspaceId, batch, offset, options));
  return total;
}
