import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '@waymark/db';
import { computeRoi } from '@waymark/db';
import type { RoiEvaluationInput, RoiOutcome } from './types.js';

export interface RoiEvaluationDeps {
  db: Db;
  now?: () => Date;
}

interface InitiativeRow {
  start_date: Date;
  end_date: Date | null;
  cost: number;
  touchpoint_ids: string[];
}

// A stable bootstrap seed per evaluation: re-running an evaluation reproduces its interval.
export function seedFromId(id: string): number {
  let hash = 2166136261;
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

export function createRoiEvaluationActivities(deps: RoiEvaluationDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  async function initiative(input: RoiEvaluationInput): Promise<InitiativeRow> {
    const rows = await db.query<InitiativeRow>(
      `SELECT i.start_date, i.end_date, i.cost,
         COALESCE(array_agg(it.touchpoint_id::text ORDER BY it.touchpoint_id) FILTER (WHERE it.touchpoint_id IS NOT NULL), '{}') AS touchpoint_ids
       FROM roi_evaluations r JOIN initiatives i ON i.id = r.initiative_id AND i.workspace_id = r.workspace_id
       LEFT JOIN initiative_touchpoints it ON it.initiative_id = i.id AND it.workspace_id = i.workspace_id
       WHERE r.id = $1::uuid AND r.workspace_id = $2::uuid GROUP BY i.id`,
      [input.evaluationId, input.workspaceId],
    );
    const row = rows[0];
    if (!row) throw ApplicationFailure.nonRetryable(`ROI evaluation ${input.evaluationId} (or its initiative) does not exist in workspace ${input.workspaceId}`, 'RoiSetupError');
    return row;
  }

  return {
    async beginRoiEvaluation(input: RoiEvaluationInput): Promise<void> {
      await initiative(input);
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? null;
      await db.query(`UPDATE roi_evaluations SET status = 'RUNNING', workflow_id = $3 WHERE id = $1::uuid AND workspace_id = $2::uuid`, [input.evaluationId, input.workspaceId, workflowId]);
    },

    // Evaluation window: the initiative's [start, end), or [start, now) while it is still running.
    async evaluateRoi(input: RoiEvaluationInput): Promise<RoiOutcome> {
      const row = await initiative(input);
      const startDate = new Date(row.start_date);
      const endDate = row.end_date === null ? now() : new Date(row.end_date);
      if (!(endDate.getTime() > startDate.getTime())) {
        throw ApplicationFailure.nonRetryable(`The initiative starts ${startDate.toISOString()}, after the evaluation end ${endDate.toISOString()}: nothing to evaluate yet`, 'RoiSetupError');
      }
      const report = await computeRoi(db, input.workspaceId, { touchpointIds: row.touchpoint_ids, startDate, endDate, cost: row.cost, seed: seedFromId(input.evaluationId) });
      await db.query(
        `UPDATE roi_evaluations SET status = 'COMPLETED', window_from = $3::timestamptz, window_to = $4::timestamptz, roi = $5, incremental_revenue = $6,
           ci_low = $7, ci_high = $8, kpi_deltas = $9::jsonb, error = NULL, completed_at = now()
         WHERE id = $1::uuid AND workspace_id = $2::uuid`,
        [input.evaluationId, input.workspaceId, startDate.toISOString(), endDate.toISOString(), report.roi, report.incrementalRevenue, report.ciLow, report.ciHigh, JSON.stringify(report.kpiDeltas)],
      );
      return { roi: report.roi, incrementalRevenue: report.incrementalRevenue, ciLow: report.ciLow, ciHigh: report.ciHigh };
    },

    async failRoiEvaluation(input: RoiEvaluationInput & { status: 'FAILED' | 'CANCELLED'; error: string }): Promise<void> {
      await db.query(`UPDATE roi_evaluations SET status = $3::"RunStatus", error = $4, completed_at = now() WHERE id = $1::uuid AND workspace_id = $2::uuid`, [input.evaluationId, input.workspaceId, input.status, input.error]);
    },
  };
}

export type RoiEvaluationActivities = ReturnType<typeof createRoiEvaluationActivities>;
