import type { Db, SqlRunner } from '../client/db.js';
import { assertWorkspaceId } from '../scoping/workspace-scope.js';

export type JourneyDelete =
  | { status: 'deleted'; name: string; touchpoints: number; events: number }
  | { status: 'not-found' }
  | { status: 'in-initiatives'; name: string; initiatives: string[] }
  | { status: 'auditing'; name: string; audits: number };

// A journey goes with its stages, touchpoints and their events, thresholds, alerts, risks and audits.
// Refused while one of its touchpoints is in an initiative (the initiative's ROI would change, or it
// would be left with none) or while an audit of it is queued or running (the workflow would fail).
// The journey, its stages and touchpoints are locked first, so an initiative taking one of them meanwhile
// waits (its link's foreign-key check) and then fails instead of losing it.
export function deleteJourney(db: Db, workspaceId: string, id: string): Promise<JourneyDelete> {
  assertWorkspaceId(workspaceId);
  return db.transaction(async (tx) => {
    const [journey] = await tx.query<{ name: string }>('SELECT name FROM journeys WHERE id = $1::uuid AND workspace_id = $2::uuid FOR UPDATE', [id, workspaceId]);
    if (!journey) return { status: 'not-found' };
    // Stages too: a touchpoint added to one meanwhile waits, then fails, rather than going unseen.
    await tx.query('SELECT id FROM stages WHERE journey_id = $1::uuid FOR UPDATE', [id]);
    const touchpoints = await tx.query<{ id: string }>(
      'SELECT t.id::text FROM touchpoints t JOIN stages s ON s.id = t.stage_id WHERE s.journey_id = $1::uuid ORDER BY t.id FOR UPDATE OF t',
      [id],
    );
    const ids = touchpoints.map((t) => t.id);
    const blockers = await journeyDeleteBlockers(tx, workspaceId, id);
    if (blockers.initiatives.length > 0) return { status: 'in-initiatives', name: journey.name, initiatives: blockers.initiatives };
    if (blockers.audits > 0) return { status: 'auditing', name: journey.name, audits: blockers.audits };
    const [events] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE workspace_id = $1::uuid AND touchpoint_id = ANY($2::uuid[])', [workspaceId, ids]);
    await tx.query('DELETE FROM journeys WHERE id = $1::uuid', [id]);
    return { status: 'deleted', name: journey.name, touchpoints: ids.length, events: events?.n ?? 0 };
  });
}

/** What keeps a journey from being deleted: initiatives on its touchpoints, audits of it under way. */
export async function journeyDeleteBlockers(sql: SqlRunner, workspaceId: string, journeyId: string): Promise<{ initiatives: string[]; audits: number }> {
  return { initiatives: await initiativesUsing(sql, workspaceId, journeyId), audits: await activeAudits(sql, workspaceId, journeyId) };
}

async function initiativesUsing(sql: SqlRunner, workspaceId: string, journeyId: string): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(
    `SELECT DISTINCT i.name FROM initiative_touchpoints it
       JOIN initiatives i ON i.id = it.initiative_id
       JOIN touchpoints t ON t.id = it.touchpoint_id
       JOIN stages s ON s.id = t.stage_id
      WHERE it.workspace_id = $1::uuid AND s.journey_id = $2::uuid ORDER BY i.name`,
    [workspaceId, journeyId],
  );
  return rows.map((row) => row.name);
}

async function activeAudits(sql: SqlRunner, workspaceId: string, journeyId: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM consistency_audits WHERE workspace_id = $1::uuid AND journey_id = $2::uuid AND status IN ('QUEUED', 'RUNNING')`,
    [workspaceId, journeyId],
  );
  return row?.n ?? 0;
}
