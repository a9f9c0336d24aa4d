import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '@waymark/db';
import { computeKpi } from '@waymark/db';
import type { RiskSignals, TimeWindow } from '@waymark/domain';
import { DAY_MS, rankRisks } from '@waymark/domain';
import type { RiskAssessmentInput, RiskAssessmentResult } from './types.js';

export interface RiskAssessmentDeps {
  db: Db;
  now?: () => Date;
  // Length of the assessment window; the trend compares it with the window before. Default 30.
  windowDays?: number;
}

interface SignalRow {
  id: string;
  key: string;
  volume: number;
  sentiment_responses: number;
  negative_responses: number;
  complaints: number;
}

export function createRiskAssessmentActivities(deps: RiskAssessmentDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async assessRisk(input: RiskAssessmentInput): Promise<RiskAssessmentResult> {
      const at = now();
      const days = deps.windowDays ?? 30;
      const current = { from: new Date(at.getTime() - days * DAY_MS), to: at };
      const before = { from: new Date(current.from.getTime() - days * DAY_MS), to: current.from };
      const rows = await signals(db, input, current);
      const withTrend: RiskSignals[] = [];
      for (const row of rows) {
        withTrend.push({
          touchpointId: row.id,
          touchpointKey: row.key,
          volume: row.volume,
          sentimentResponses: row.sentiment_responses,
          negativeResponses: row.negative_responses,
          complaints: row.complaints,
          kpiTrend: await kpiTrend(db, input.workspaceId, row.id, current, before),
        });
      }
      const ranked = rankRisks(withTrend);
      const volumes = new Map(withTrend.map((s) => [s.touchpointId, s.volume]));
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM touchpoint_risks WHERE workspace_id = $1::uuid AND journey_id = $2::uuid', [input.workspaceId, input.journeyId]);
        for (const risk of ranked) {
          await tx.query(
            `INSERT INTO touchpoint_risks (id, workspace_id, journey_id, touchpoint_id, score, components, computed_at)
             VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, $4, $5::jsonb, $6::timestamptz)`,
            [input.workspaceId, input.journeyId, risk.touchpointId, risk.score, JSON.stringify({ ...risk.components, rank: risk.rank, level: risk.level, windowDays: days, volume: volumes.get(risk.touchpointId) ?? 0 }), at.toISOString()],
          );
        }
      });
      const top = ranked[0];
      return { touchpoints: ranked.length, top: top ? { touchpointKey: top.touchpointKey, score: top.score, level: top.level } : null };
    },
  };
}

async function signals(db: Db, input: RiskAssessmentInput, window: TimeWindow): Promise<SignalRow[]> {
  const journeys = await db.query('SELECT id FROM journeys WHERE id = $1::uuid AND workspace_id = $2::uuid', [input.journeyId, input.workspaceId]);
  if (journeys.length === 0) throw ApplicationFailure.nonRetryable(`Journey ${input.journeyId} does not exist in workspace ${input.workspaceId}`, 'RiskSetupError');
  return db.query<SignalRow>(
    `SELECT t.id, t.key,
       count(e.id)::int AS volume,
       count(e.sentiment)::int AS sentiment_responses,
       count(*) FILTER (WHERE e.sentiment < 0)::int AS negative_responses,
       count(*) FILTER (WHERE e.kind = 'COMPLAINT')::int AS complaints
     FROM touchpoints t JOIN stages s ON s.id = t.stage_id
     LEFT JOIN events e ON e.workspace_id = t.workspace_id AND e.touchpoint_id = t.id AND e.occurred_at >= $3::timestamptz AND e.occurred_at < $4::timestamptz
     WHERE t.workspace_id = $1::uuid AND s.journey_id = $2::uuid
     GROUP BY t.id, t.key ORDER BY t.key`,
    [input.workspaceId, input.journeyId, window.from.toISOString(), window.to.toISOString()],
  );
}

// CSAT change between the windows, or NPS when CSAT is missing in either.
async function kpiTrend(db: Db, workspaceId: string, touchpointId: string, current: TimeWindow, before: TimeWindow): Promise<number | null> {
  for (const metric of ['CSAT', 'NPS'] as const) {
    const now = await computeKpi(db, workspaceId, { metric, scope: { touchpointId }, window: current });
    const then = await computeKpi(db, workspaceId, { metric, scope: { touchpointId }, window: before });
    if (now.value !== null && then.value !== null) return now.value - then.value;
  }
  return null;
}

export type RiskAssessmentActivities = ReturnType<typeof createRiskAssessmentActivities>;
