import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '@waymark/db';

export interface ScheduledRunDeps {
  db: Db;
}

type RunTable = 'sync_runs' | 'consistency_audits' | 'roi_evaluations';

interface RunRow {
  table: RunTable;
  // INSERT … SELECT from the target's table ($1 run id, $2 workspace, $3 target), RETURNING id.
  insert: string;
  runId: string;
  workspaceId: string;
  targetId: string;
  // Said when the target is not in the workspace (deleted since the schedule was set).
  missing: string;
}

// A QUEUED run row for a target that is in the workspace.
const queuedRow = (table: RunTable, targetColumn: string, targetTable: string): string =>
  `INSERT INTO ${table} (id, workspace_id, ${targetColumn}, status)
   SELECT $1::uuid, $2::uuid, $3::uuid, 'QUEUED' FROM ${targetTable} WHERE id = $3::uuid AND workspace_id = $2::uuid
   ON CONFLICT (id) DO NOTHING RETURNING id`;

// Inserts the run's row unless it exists (a retried activity); a target that is gone fails the
// scheduled run for good instead of being retried.
async function createRunRow(db: Db, row: RunRow): Promise<void> {
  const inserted = await db.query(row.insert, [row.runId, row.workspaceId, row.targetId]);
  if (inserted.length > 0) return;
  const existing = await db.query(`SELECT id FROM ${row.table} WHERE id = $1::uuid`, [row.runId]);
  if (existing.length === 0) throw ApplicationFailure.nonRetryable(`${row.missing} does not exist in workspace ${row.workspaceId}`, 'ScheduleTargetError');
}

// A scheduled action has no API call behind it, so it creates the QUEUED row the API would have.
// The id comes from the workflow (deterministic), so a retried insert is a no-op.
export function createScheduledRunActivities(deps: ScheduledRunDeps) {
  const { db } = deps;
  return {
    // A paused (disabled) integration gets no run: its schedule stays, and each tick is skipped
    // instead of adding a failed run to its history. A retry after the row was made keeps it.
    async createSyncRun(input: { workspaceId: string; integrationId: string; syncRunId: string }): Promise<{ paused: boolean }> {
      const [paused] = await db.query(
        `SELECT 1 FROM integrations WHERE id = $2::uuid AND workspace_id = $3::uuid AND NOT enabled AND NOT EXISTS (SELECT 1 FROM sync_runs WHERE id = $1::uuid)`,
        [input.syncRunId, input.integrationId, input.workspaceId],
      );
      if (paused) return { paused: true };
      await createRunRow(db, {
        table: 'sync_runs', insert: queuedRow('sync_runs', 'integration_id', 'integrations'),
        runId: input.syncRunId, workspaceId: input.workspaceId, targetId: input.integrationId, missing: `Integration ${input.integrationId}`,
      });
      return { paused: false };
    },

    async createAudit(input: { workspaceId: string; journeyId: string; auditId: string }): Promise<void> {
      await createRunRow(db, {
        table: 'consistency_audits',
        // The journey's last audit settings carry over.
        insert: `INSERT INTO consistency_audits (id, workspace_id, journey_id, status, settings)
          SELECT $1::uuid, $2::uuid, $3::uuid, 'QUEUED', COALESCE(
            (SELECT settings FROM consistency_audits WHERE workspace_id = $2::uuid AND journey_id = $3::uuid ORDER BY created_at DESC LIMIT 1), '{}'::jsonb)
          FROM journeys WHERE id = $3::uuid AND workspace_id = $2::uuid
          ON CONFLICT (id) DO NOTHING RETURNING id`,
        runId: input.auditId, workspaceId: input.workspaceId, targetId: input.journeyId, missing: `Journey ${input.journeyId}`,
      });
    },

    async createRoiEvaluation(input: { workspaceId: string; initiativeId: string; evaluationId: string }): Promise<void> {
      await createRunRow(db, {
        table: 'roi_evaluations', insert: queuedRow('roi_evaluations', 'initiative_id', 'initiatives'),
        runId: input.evaluationId, workspaceId: input.workspaceId, targetId: input.initiativeId, missing: `Initiative ${input.initiativeId}`,
      });
    },
  };
}

export type ScheduledRunActivities = ReturnType<typeof createScheduledRunActivities>;
