import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '@waymark/db';

export interface ScheduledRunDeps {
  db: Db;
}

// A scheduled action has no API call behind it, so it creates the QUEUED row the API would have.
// The id comes from the workflow (deterministic), so a retried insert is a no-op.
export function createScheduledRunActivities(deps: ScheduledRunDeps) {
  const { db } = deps;
  return {
    async createSyncRun(input: { workspaceId: string; integrationId: string; syncRunId: string }): Promise<void> {
      const rows = await db.query(
        `INSERT INTO sync_runs (id, workspace_id, integration_id, status)
         SELECT $1::uuid, $2::uuid, $3::uuid, 'QUEUED' FROM integrations WHERE id = $3::uuid AND workspace_id = $2::uuid
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [input.syncRunId, input.workspaceId, input.integrationId],
      );
      if (rows.length === 0) await mustExist(db, 'sync_runs', input.syncRunId, `Integration ${input.integrationId} does not exist in workspace ${input.workspaceId}`);
    },

    async createAudit(input: { workspaceId: string; journeyId: string; auditId: string }): Promise<void> {
      const rows = await db.query(
        `INSERT INTO consistency_audits (id, workspace_id, journey_id, status, settings)
         SELECT $1::uuid, $2::uuid, $3::uuid, 'QUEUED', COALESCE(
           (SELECT settings FROM consistency_audits WHERE workspace_id = $2::uuid AND journey_id = $3::uuid ORDER BY created_at DESC LIMIT 1), '{}'::jsonb)
         FROM journeys WHERE id = $3::uuid AND workspace_id = $2::uuid
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [input.auditId, input.workspaceId, input.journeyId],
      );
      if (rows.length === 0) await mustExist(db, 'consistency_audits', input.auditId, `Journey ${input.journeyId} does not exist in workspace ${input.workspaceId}`);
    },

    async createRoiEvaluation(input: { workspaceId: string; initiativeId: string; evaluationId: string }): Promise<void> {
      const rows = await db.query(
        `INSERT INTO roi_evaluations (id, workspace_id, initiative_id, status)
         SELECT $1::uuid, $2::uuid, $3::uuid, 'QUEUED' FROM initiatives WHERE id = $3::uuid AND workspace_id = $2::uuid
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [input.evaluationId, input.workspaceId, input.initiativeId],
      );
      if (rows.length === 0) await mustExist(db, 'roi_evaluations', input.evaluationId, `Initiative ${input.initiativeId} does not exist in workspace ${input.workspaceId}`);
    },
  };
}

async function mustExist(db: Db, table: 'sync_runs' | 'consistency_audits' | 'roi_evaluations', id: string, message: string): Promise<void> {
  const rows = await db.query(`SELECT id FROM ${table} WHERE id = $1::uuid`, [id]);
  if (rows.length === 0) throw ApplicationFailure.nonRetryable(message, 'ScheduleTargetError');
}

export type ScheduledRunActivities = ReturnType<typeof createScheduledRunActivities>;
