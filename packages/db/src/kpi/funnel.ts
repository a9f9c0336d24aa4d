import type { FunnelStep, TimeWindow } from '@waymark/domain';
import { assertConversionWindowDays, assertWindow, DEFAULT_CONVERSION_WINDOW_DAYS, funnelFromReached, KpiError } from '@waymark/domain';
import type { SqlDb } from './sql.js';
import { assertUuid, hoursInterval, num, Params } from './sql.js';

export interface FunnelQuery {
  journeyId: string;
  window: TimeWindow;
  conversionWindowDays?: number;
}

async function journeyStageIds(db: SqlDb, workspaceId: string, journeyId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT s.id FROM stages s JOIN journeys j ON j.id = s.journey_id
     WHERE j.workspace_id = $1::uuid AND j.id = $2::uuid ORDER BY s.position, s.id`,
    [workspaceId, journeyId],
  );
  if (rows.length === 0) {
    const journeys = await db.query<{ id: string }>('SELECT id FROM journeys WHERE workspace_id = $1::uuid AND id = $2::uuid', [workspaceId, journeyId]);
    if (journeys.length === 0) throw new KpiError('NOT_FOUND', `journey ${journeyId} does not exist in this workspace`);
  }
  return rows.map((r) => r.id);
}

// Set-based funnel over kpi_customer_stages (each customer's first and last event per stage, kept
// exact by triggers). A customer's first stage-k event at or after t is first_at when first_at ≥ t
// and none when last_at < t; only when t falls inside (first_at, last_at] are the customer's raw
// events read. Stage ids belong to the workspace (journeyStageIds), so rows are found by stage alone.
function funnelSql(p: Params, ws: string, stageIds: readonly string[], window: TimeWindow, days: number): string {
  const limit = hoursInterval(p, days);
  const from = p.add(window.from.toISOString(), 'timestamptz');
  const to = p.add(window.to.toISOString(), 'timestamptz');
  const stages = stageIds.map((id) => p.add(id, 'uuid'));
  const firstFrom = (stage: string, after: string, upTo: string) =>
    `CASE WHEN c.first_at >= ${after} THEN c.first_at ELSE (SELECT min(e.occurred_at) FROM events e
       WHERE e.workspace_id = ${ws} AND e.customer_id = c.customer_id AND e.occurred_at >= ${after} AND e.occurred_at ${upTo}
         AND e.touchpoint_id IN (SELECT t.id FROM touchpoints t WHERE t.workspace_id = ${ws} AND t.stage_id = ${stage})) END`;
  const ctes = stages.map((stage, k) => {
    if (k === 0) {
      return `s0 AS (SELECT x.customer_id, x.at AS entry, x.at FROM (
          SELECT c.customer_id, ${firstFrom(stage, from, `< ${to}`)} AS at FROM kpi_customer_stages c
          WHERE c.stage_id = ${stage} AND c.last_at >= ${from} AND c.first_at < ${to}) x
        WHERE x.at < ${to})`;
    }
    return `s${k} AS (SELECT x.customer_id, x.entry, x.at FROM (
          SELECT prev.customer_id, prev.entry, ${firstFrom(stage, 'prev.at', `<= prev.entry + ${limit}`)} AS at
          FROM s${k - 1} prev JOIN kpi_customer_stages c ON c.stage_id = ${stage} AND c.customer_id = prev.customer_id AND c.last_at >= prev.at) x
        WHERE x.at <= x.entry + ${limit})`;
  });
  const counts = stageIds.map((_, k) => `(SELECT count(*) FROM s${k})::float8 AS r${k}`);
  return `WITH ${ctes.join(',\n')} SELECT ${counts.join(', ')}`;
}

export async function computeFunnel(db: SqlDb, workspaceId: string, query: FunnelQuery): Promise<FunnelStep[]> {
  assertUuid(workspaceId, 'workspaceId');
  assertUuid(query.journeyId, 'journeyId');
  assertWindow(query.window);
  const days = query.conversionWindowDays ?? DEFAULT_CONVERSION_WINDOW_DAYS;
  assertConversionWindowDays(days);
  const stageIds = await journeyStageIds(db, workspaceId, query.journeyId);
  if (stageIds.length === 0) return [];
  const p = new Params();
  const ws = p.add(workspaceId, 'uuid');
  const rows = await db.query<Record<string, unknown>>(funnelSql(p, ws, stageIds, query.window, days), p.values);
  const row = rows[0] ?? {};
  return funnelFromReached(stageIds, stageIds.map((_, k) => num(row[`r${k}`])));
}
