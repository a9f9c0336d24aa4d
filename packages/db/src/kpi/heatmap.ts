import type { HeatmapCell, TimeWindow } from '@waymark/domain';
import { assertWindow, metricFromAggregate } from '@waymark/domain';
import type { MeasureRow } from './additive.js';
import { additiveSql, toAggregate } from './additive.js';
import { planWindow } from './plan.js';
import type { SqlDb } from './sql.js';
import { assertUuid, Params, scopeSql } from './sql.js';

export interface HeatmapQuery {
  journeyId: string;
  window: TimeWindow;
  metric: 'CSAT' | 'NPS';
}

// CSAT or NPS per (stage, channel) pair that has touchpoints, stages in journey order.
export async function computeHeatmap(db: SqlDb, workspaceId: string, query: HeatmapQuery): Promise<HeatmapCell[]> {
  assertUuid(workspaceId, 'workspaceId');
  assertUuid(query.journeyId, 'journeyId');
  assertWindow(query.window);
  const plan = await planWindow(db, workspaceId, query.window);
  const p = new Params();
  const ws = p.add(workspaceId, 'uuid');
  const journey = p.add(query.journeyId, 'uuid');
  const values = additiveSql(p, plan, ws, scopeSql(p, ws, { journeyId: query.journeyId }), { kind: 'touchpoint' });
  const sql = `WITH v AS (${values})
    SELECT t.stage_id, t.channel, ${['nps_responses', 'nps_promoters', 'nps_detractors', 'csat_responses', 'csat_satisfied']
      .map((m) => `coalesce(sum(v.${m}), 0)::float8 AS ${m}`)
      .join(', ')}
    FROM touchpoints t JOIN stages s ON s.id = t.stage_id LEFT JOIN v ON v.k = t.id
    WHERE t.workspace_id = ${ws} AND s.journey_id = ${journey}
    GROUP BY s.position, t.stage_id, t.channel ORDER BY s.position, t.channel`;
  const rows = await db.query<Partial<MeasureRow> & { stage_id: string; channel: string }>(sql, p.values);
  return rows.map((row) => ({
    stageId: row.stage_id,
    channel: row.channel,
    ...metricFromAggregate(query.metric, toAggregate({ ...emptyRow, ...row })),
  }));
}

const emptyRow: MeasureRow = {
  events: 0,
  nps_responses: 0,
  nps_promoters: 0,
  nps_detractors: 0,
  csat_responses: 0,
  csat_satisfied: 0,
  ces_responses: 0,
  ces_sum: 0,
  sentiment_responses: 0,
  sentiment_sum: 0,
  revenue_events: 0,
  revenue_sum: 0,
};
