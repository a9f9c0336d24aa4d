import type { Db, SqlRunner } from '../client/db.js';

export type TouchpointDelete =
  | { status: 'deleted'; key: string }
  | { status: 'not-found' }
  | { status: 'in-use'; key: string; events: number; initiatives: string[] };

// Removes a touchpoint only while nothing depends on it: its events would be deleted with it, and an
// initiative's ROI would silently change. Its thresholds, alerts and risk scores go with it.
// The row is locked first, so an event ingested for it meanwhile waits (its foreign-key check) and is
// then counted; the stage's positions are renumbered 0..n-1 after.
export function deleteTouchpoint(db: Db, workspaceId: string, id: string): Promise<TouchpointDelete> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ key: string; stage_id: string }>('SELECT key, stage_id FROM touchpoints WHERE id = $1::uuid AND workspace_id = $2::uuid FOR UPDATE', [id, workspaceId]);
    if (!row) return { status: 'not-found' };
    const uses = await usesOf(tx, workspaceId, id);
    if (uses.events > 0 || uses.initiatives.length > 0) return { status: 'in-use', key: row.key, ...uses };
    await tx.query('DELETE FROM touchpoints WHERE id = $1::uuid', [id]);
    await tx.query(
      `UPDATE touchpoints t SET position = o.pos
         FROM (SELECT id, (row_number() OVER (ORDER BY position, created_at, id) - 1)::int AS pos FROM touchpoints WHERE stage_id = $1::uuid) o
        WHERE t.id = o.id AND t.position <> o.pos`,
      [row.stage_id],
    );
    return { status: 'deleted', key: row.key };
  });
}

async function usesOf(tx: SqlRunner, workspaceId: string, id: string): Promise<{ events: number; initiatives: string[] }> {
  const [events] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE workspace_id = $1::uuid AND touchpoint_id = $2::uuid', [workspaceId, id]);
  const initiatives = await tx.query<{ name: string }>(
    `SELECT i.name FROM initiative_touchpoints it JOIN initiatives i ON i.id = it.initiative_id
      WHERE it.workspace_id = $1::uuid AND it.touchpoint_id = $2::uuid ORDER BY i.name`,
    [workspaceId, id],
  );
  return { events: events?.n ?? 0, initiatives: initiatives.map((i) => i.name) };
}
