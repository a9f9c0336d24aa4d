import type { Db, SqlRunner } from '../client/db.js';

// An initiative's whole set of values, as stored and as an edit leaves them.
export interface InitiativeValues {
  name: string;
  description: string | null;
  startDate: Date;
  endDate: Date | null;
  cost: number;
  touchpointIds: string[];
}

export type InitiativeUpdate = { status: 'updated'; changed: boolean } | { status: 'not-found' } | { status: 'unknown-touchpoints'; ids: string[] };

export type InitiativeDelete = { status: 'deleted'; name: string } | { status: 'not-found' } | { status: 'evaluating'; name: string; evaluations: number };

interface InitiativeRow {
  name: string;
  description: string | null;
  start_date: Date | string;
  end_date: Date | string | null;
  cost: number;
}

// One transaction, the initiative row locked first: `merge` gets the stored values and returns the
// new ones (it may throw to refuse them), so two edits at once cannot each validate against values
// the other is replacing. updated_at moves only when something changed.
export function updateInitiative(db: Db, workspaceId: string, id: string, merge: (current: InitiativeValues) => InitiativeValues): Promise<InitiativeUpdate> {
  return db.transaction(async (tx) => {
    const current = await lockedValues(tx, workspaceId, id);
    if (!current) return { status: 'not-found' };
    const next = merge(current);
    const touchpointIds = [...new Set(next.touchpointIds)];
    const unknown = await unknownTouchpoints(tx, workspaceId, touchpointIds);
    if (unknown.length > 0) return { status: 'unknown-touchpoints', ids: unknown };
    const changed = differs(current, { ...next, touchpointIds });
    await tx.query(
      `UPDATE initiatives SET name = $2, description = $3, start_date = $4::timestamptz, end_date = $5::timestamptz, cost = $6,
              updated_at = CASE WHEN $7 THEN now() ELSE updated_at END
        WHERE id = $1::uuid`,
      [id, next.name, next.description, next.startDate.toISOString(), next.endDate?.toISOString() ?? null, next.cost, changed],
    );
    await replaceTouchpoints(tx, workspaceId, id, touchpointIds);
    return { status: 'updated', changed };
  });
}

// Refused while an evaluation of it is queued or running: the workflow would fail on a missing row.
// The row is locked first, so an evaluation being created meanwhile waits (its foreign-key check) and
// then fails rather than running for a deleted initiative. Its links and evaluations go by cascade.
export function deleteInitiative(db: Db, workspaceId: string, id: string): Promise<InitiativeDelete> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ name: string }>('SELECT name FROM initiatives WHERE id = $1::uuid AND workspace_id = $2::uuid FOR UPDATE', [id, workspaceId]);
    if (!row) return { status: 'not-found' };
    const evaluations = await activeEvaluations(tx, workspaceId, id);
    if (evaluations > 0) return { status: 'evaluating', name: row.name, evaluations };
    await tx.query('DELETE FROM initiatives WHERE id = $1::uuid', [id]);
    return { status: 'deleted', name: row.name };
  });
}

/** Evaluations of the initiative that are QUEUED or RUNNING. */
export async function activeEvaluations(sql: SqlRunner, workspaceId: string, initiativeId: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM roi_evaluations WHERE workspace_id = $1::uuid AND initiative_id = $2::uuid AND status IN ('QUEUED', 'RUNNING')`,
    [workspaceId, initiativeId],
  );
  return row?.n ?? 0;
}

async function lockedValues(tx: SqlRunner, workspaceId: string, id: string): Promise<InitiativeValues | null> {
  const [row] = await tx.query<InitiativeRow>(
    'SELECT name, description, start_date, end_date, cost FROM initiatives WHERE id = $1::uuid AND workspace_id = $2::uuid FOR UPDATE',
    [id, workspaceId],
  );
  if (!row) return null;
  const links = await tx.query<{ touchpoint_id: string }>('SELECT touchpoint_id::text FROM initiative_touchpoints WHERE initiative_id = $1::uuid ORDER BY touchpoint_id', [id]);
  return {
    name: row.name,
    description: row.description,
    startDate: new Date(row.start_date),
    endDate: row.end_date === null ? null : new Date(row.end_date),
    cost: Number(row.cost),
    touchpointIds: links.map((link) => link.touchpoint_id),
  };
}

// Key-share locks, as the links' foreign keys take: a touchpoint being deleted meanwhile waits, then
// sees the link and refuses.
async function unknownTouchpoints(tx: SqlRunner, workspaceId: string, ids: string[]): Promise<string[]> {
  const found = await tx.query<{ id: string }>('SELECT id::text FROM touchpoints WHERE workspace_id = $1::uuid AND id = ANY($2::uuid[]) FOR KEY SHARE', [workspaceId, ids]);
  const known = new Set(found.map((row) => row.id));
  return ids.filter((tpId) => !known.has(tpId));
}

async function replaceTouchpoints(tx: SqlRunner, workspaceId: string, id: string, touchpointIds: string[]): Promise<void> {
  await tx.query('DELETE FROM initiative_touchpoints WHERE initiative_id = $1::uuid AND NOT (touchpoint_id = ANY($2::uuid[]))', [id, touchpointIds]);
  await tx.query(
    `INSERT INTO initiative_touchpoints (workspace_id, initiative_id, touchpoint_id)
     SELECT $1::uuid, $2::uuid, tp FROM unnest($3::uuid[]) AS tp
     ON CONFLICT (initiative_id, touchpoint_id) DO NOTHING`,
    [workspaceId, id, touchpointIds],
  );
}

function differs(a: InitiativeValues, b: InitiativeValues): boolean {
  const sameSet = a.touchpointIds.length === b.touchpointIds.length && b.touchpointIds.every((tpId) => a.touchpointIds.includes(tpId));
  return (
    a.name !== b.name ||
    a.description !== b.description ||
    a.startDate.getTime() !== b.startDate.getTime() ||
    (a.endDate?.getTime() ?? null) !== (b.endDate?.getTime() ?? null) ||
    a.cost !== b.cost ||
    !sameSet
  );
}
