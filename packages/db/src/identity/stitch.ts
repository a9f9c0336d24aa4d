import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '../client/db.js';
import { UnionFind } from './union-find.js';

// Identity stitching: refs seen together (one event's customerRef + linkedRefs, or a source's
// link record) belong to one customer, transitively, across batches. When a group touches
// several existing customers they merge into the oldest; identities and events of the others are
// re-pointed to it (and merged_into_id recorded), so KPI SQL counts events.customer_id as is.
// Callers run this inside a transaction; a per-workspace advisory lock serialises stitching of
// concurrent batches, so two batches can never create two customers for one ref.

export interface StitchResult {
  customerByRef: Map<string, string>;
  created: number;
  merged: number;
}

interface ExistingIdentity {
  ref: string;
  customer_id: string;
}

// One unique-index probe per ref. `ref = ANY($2)` with thousands of refs was planned as a scan of
// every identity of the workspace (33–40 ms per 5,000 refs at 220k identities, growing with them);
// LIMIT 1 keeps the subquery a per-ref probe (the key is unique, so it changes no result).
const EXISTING_IDENTITIES = `SELECT r.ref, i.customer_id FROM unnest($2::text[]) AS r(ref)
  CROSS JOIN LATERAL (SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND ref = r.ref LIMIT 1) i`;

export async function lockWorkspaceIdentities(tx: Pick<SqlRunner, 'query'>, workspaceId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('waymark:identities:' || $1::text, 0))", [workspaceId]);
}

interface Plan {
  customerByRef: Map<string, string>;
  newCustomers: string[];
  newIdentities: Array<[ref: string, customerId: string]>;
  merges: Array<[loser: string, survivor: string]>;
}

interface Component {
  customers: string[];
  refs: string[];
}

// Refs seen together, joined with the customers they already belong to.
function components(groups: readonly (readonly string[])[], existing: ExistingIdentity[]): Component[] {
  const uf = new UnionFind();
  for (const group of groups) {
    const [first, ...rest] = group;
    if (first === undefined) continue;
    uf.add(`r:${first}`);
    for (const ref of rest) uf.union(`r:${first}`, `r:${ref}`);
  }
  for (const row of existing) uf.union(`r:${row.ref}`, `c:${row.customer_id}`);
  return [...uf.groups().values()].map((members) => ({
    customers: members.filter((m) => m.startsWith('c:')).map((m) => m.slice(2)),
    refs: members.filter((m) => m.startsWith('r:')).map((m) => m.slice(2)),
  }));
}

function plan(parts: Component[], existing: ExistingIdentity[], bornAt: Map<string, number>): Plan {
  const known = new Set(existing.map((row) => row.ref));
  const out: Plan = { customerByRef: new Map(), newCustomers: [], newIdentities: [], merges: [] };
  for (const { customers, refs } of parts) {
    // The oldest customer survives; ties broken by id so every process picks the same one.
    customers.sort((a, b) => (bornAt.get(a) ?? 0) - (bornAt.get(b) ?? 0) || a.localeCompare(b));
    let survivor = customers[0];
    if (survivor === undefined) {
      survivor = randomUUID();
      out.newCustomers.push(survivor);
    }
    for (const loser of customers.slice(1)) out.merges.push([loser, survivor]);
    for (const ref of refs) {
      out.customerByRef.set(ref, survivor);
      if (!known.has(ref)) out.newIdentities.push([ref, survivor]);
    }
  }
  return out;
}

// Creation times of the customers about to merge (none in the common case).
async function birthTimes(tx: SqlRunner, workspaceId: string, parts: Component[]): Promise<Map<string, number>> {
  const contested = parts.filter((c) => c.customers.length > 1).flatMap((c) => c.customers);
  if (contested.length === 0) return new Map();
  const rows = await tx.query<{ id: string; created_at: Date | string }>(
    'SELECT id, created_at FROM customers WHERE workspace_id = $1 AND id = ANY($2::uuid[])',
    [workspaceId, contested],
  );
  return new Map(rows.map((row) => [row.id, new Date(row.created_at).getTime()]));
}

async function applyMerges(tx: SqlRunner, workspaceId: string, merges: Plan['merges']): Promise<void> {
  const params = [workspaceId, merges.map((m) => m[0]), merges.map((m) => m[1])];
  const pairs = 'unnest($2::uuid[], $3::uuid[]) AS m(loser, survivor)';
  // Earlier merges into a loser are re-pointed too, so merged_into_id always names a survivor.
  await tx.query(`UPDATE customers c SET merged_into_id = m.survivor FROM ${pairs}
    WHERE c.workspace_id = $1 AND (c.id = m.loser OR c.merged_into_id = m.loser)`, params);
  await tx.query(`UPDATE customer_identities i SET customer_id = m.survivor FROM ${pairs}
    WHERE i.workspace_id = $1 AND i.customer_id = m.loser`, params);
  await tx.query(`UPDATE events e SET customer_id = m.survivor FROM ${pairs}
    WHERE e.workspace_id = $1 AND e.customer_id = m.loser`, params);
}

// Every group a single ref (events without linkedRefs, the usual case): nothing can merge, so each
// ref keeps its customer or gets a new one, without the union-find (~15 ms of a 5,000-event batch).
function planSingles(groups: readonly (readonly string[])[], existing: ExistingIdentity[]): Plan | null {
  if (!groups.every((group) => group.length <= 1)) return null;
  const out: Plan = { customerByRef: new Map(existing.map((row) => [row.ref, row.customer_id])), newCustomers: [], newIdentities: [], merges: [] };
  for (const [ref] of groups) {
    if (ref === undefined || out.customerByRef.has(ref)) continue;
    const customer = randomUUID();
    out.customerByRef.set(ref, customer);
    out.newCustomers.push(customer);
    out.newIdentities.push([ref, customer]);
  }
  return out;
}

async function planGroups(tx: SqlRunner, workspaceId: string, groups: readonly (readonly string[])[], existing: ExistingIdentity[]): Promise<Plan> {
  const singles = planSingles(groups, existing);
  if (singles !== null) return singles;
  const parts = components(groups, existing);
  return plan(parts, existing, await birthTimes(tx, workspaceId, parts));
}

// refs must already be normalised (normaliseRef); each group is a set of refs of one person.
export async function stitchIdentities(tx: SqlRunner, workspaceId: string, groups: readonly (readonly string[])[]): Promise<StitchResult> {
  await lockWorkspaceIdentities(tx, workspaceId);
  const refs = [...new Set(groups.flat())];
  if (refs.length === 0) return { customerByRef: new Map(), created: 0, merged: 0 };
  const existing = await tx.query<ExistingIdentity>(EXISTING_IDENTITIES, [workspaceId, refs]);
  const p = await planGroups(tx, workspaceId, groups, existing);
  if (p.newCustomers.length > 0) {
    await tx.query('INSERT INTO customers (id, workspace_id) SELECT id, $1 FROM unnest($2::uuid[]) AS t(id)', [workspaceId, p.newCustomers]);
  }
  if (p.newIdentities.length > 0) {
    await tx.query(
      `INSERT INTO customer_identities (id, workspace_id, customer_id, ref)
       SELECT gen_random_uuid(), $1, t.customer_id, t.ref FROM unnest($2::text[], $3::uuid[]) AS t(ref, customer_id)`,
      [workspaceId, p.newIdentities.map((i) => i[0]), p.newIdentities.map((i) => i[1])],
    );
  }
  if (p.merges.length > 0) await applyMerges(tx, workspaceId, p.merges);
  return { customerByRef: p.customerByRef, created: p.newCustomers.length, merged: p.merges.length };
}
