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

// Set-based funnel: one CTE per step, each step the customers' first stage-k event at or after
// step k−1 and within the conversion window of their step-1 entry.
function funnelSql(p: Params, ws: string, stageIds: readonly string[], window: TimeWindow, days: number): string {
  const limit = hoursInterval(p, days);
  const from = p.add(window.from.toISOString(), 'timestamptz');
  const to = p.add(window.to.toISOString(), 'timestamptz');
  const stageEvents = (stageId: string) =>
    `SELECT e.customer_id, e.occurred_at FROM events e WHERE e.workspace_id = ${ws}
       AND e.touchpoint_id IN (SELECT id FROM touchpoints WHERE workspace_id = ${ws} AND stage_id = ${p.add(stageId, 'uuid')})`;
  const ctes = stageIds.map((stageId, k) => {
    if (k === 0) {
      return `s0 AS (SELECT x.customer_id, min(x.occurred_at) AS entry, min(x.occurred_at) AS at FROM (${stageEvents(stageId)}
        AND e.occurred_at >= ${from} AND e.occurred_at < ${to}) x
        GROUP BY x.customer_id)`;
    }
    return `s${k} AS (SELECT prev.customer_id, prev.entry, min(x.occurred_at) AS at FROM s${k - 1} prev
        JOIN (${stageEvents(stageId)} AND e.occurred_at >= ${from} AND e.occurred_at <= ${to} + ${limit}) x ON x.customer_id = prev.customer_id AND x.occurred_at >= prev.at AND x.occurred_at <= prev.entry + ${limit}
        GROUP BY prev.customer_id, prev.entry)`;
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
