import type { Db, SqlRunner } from '../client/db.js';

// A journey's new name/description and, when given, its whole stage list in the new order: a stage
// with an id is kept (renamed, moved), one without is added, one left out is removed.
export interface JourneyChanges {
  name?: string | undefined;
  description?: string | null | undefined;
  stages?: { id?: string | null | undefined; name: string }[] | undefined;
}

export interface StageInUse {
  id: string;
  name: string;
  touchpoints: number;
}

export type JourneyUpdate = { status: 'updated' } | { status: 'not-found' } | { status: 'unknown-stage'; index: number; id: string } | { status: 'stages-in-use'; stages: StageInUse[] };

interface StageRow {
  id: string;
  name: string;
  touchpoints: number;
}

// One transaction. The journey and its stages are locked first, so a touchpoint cannot be added to
// a stage between the check that it is empty and its removal (the insert's foreign-key lock waits).
export function updateJourney(db: Db, workspaceId: string, journeyId: string, changes: JourneyChanges): Promise<JourneyUpdate> {
  return db.transaction(async (tx) => {
    const [journey] = await tx.query('SELECT id FROM journeys WHERE id = $1::uuid AND workspace_id = $2::uuid FOR UPDATE', [journeyId, workspaceId]);
    if (!journey) return { status: 'not-found' };
    if (changes.stages) {
      const problem = await checkStageList(tx, workspaceId, journeyId, changes.stages);
      if (problem) return problem;
    }
    await writeFields(tx, journeyId, changes);
    if (changes.stages) await writeStages(tx, workspaceId, journeyId, changes.stages);
    return { status: 'updated' };
  });
}

async function checkStageList(tx: SqlRunner, workspaceId: string, journeyId: string, stages: NonNullable<JourneyChanges['stages']>): Promise<JourneyUpdate | null> {
  // Locked in one statement, counted in the next: that one's snapshot sees every touchpoint
  // committed before the locks were granted.
  await tx.query('SELECT id FROM stages WHERE journey_id = $1::uuid AND workspace_id = $2::uuid FOR UPDATE', [journeyId, workspaceId]);
  const current = await tx.query<StageRow>(
    `SELECT s.id, s.name, (SELECT count(*)::int FROM touchpoints t WHERE t.stage_id = s.id) AS touchpoints
       FROM stages s WHERE s.journey_id = $1::uuid AND s.workspace_id = $2::uuid ORDER BY s.position`,
    [journeyId, workspaceId],
  );
  const byId = new Map(current.map((stage) => [stage.id, stage]));
  const unknown = stages.findIndex((stage) => stage.id && !byId.has(stage.id));
  if (unknown >= 0) return { status: 'unknown-stage', index: unknown, id: stages[unknown]?.id ?? '' };
  const kept = new Set(stages.map((stage) => stage.id));
  const inUse = current.filter((stage) => !kept.has(stage.id) && stage.touchpoints > 0);
  return inUse.length > 0 ? { status: 'stages-in-use', stages: inUse } : null;
}

// One UPDATE of the row: a field left undefined keeps its value, a null description clears it.
async function writeFields(tx: SqlRunner, journeyId: string, changes: JourneyChanges): Promise<void> {
  if (changes.name === undefined && changes.description === undefined) return;
  await tx.query(
    `UPDATE journeys SET name = COALESCE($2, name), description = CASE WHEN $3 THEN $4 ELSE description END, updated_at = now() WHERE id = $1::uuid`,
    [journeyId, changes.name ?? null, changes.description !== undefined, changes.description ?? null],
  );
}

async function writeStages(tx: SqlRunner, workspaceId: string, journeyId: string, stages: NonNullable<JourneyChanges['stages']>): Promise<void> {
  const kept = stages.flatMap((stage) => (stage.id ? [stage.id] : []));
  await tx.query('DELETE FROM stages WHERE journey_id = $1::uuid AND NOT (id = ANY($2::uuid[]))', [journeyId, kept]);
  for (const [position, stage] of stages.entries()) {
    if (stage.id) await tx.query('UPDATE stages SET name = $2, position = $3 WHERE id = $1::uuid', [stage.id, stage.name, position]);
    else await tx.query('INSERT INTO stages (id, workspace_id, journey_id, name, position) VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3, $4)', [workspaceId, journeyId, stage.name, position]);
  }
}
