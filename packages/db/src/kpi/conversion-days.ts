import type { TimeWindow } from '@waymark/domain';
import { DAY_MS, DEFAULT_CONVERSION_WINDOW_DAYS } from '@waymark/domain';
import type { Params, SqlDb, TouchpointScope } from './sql.js';
import { assertUuid } from './sql.js';
import { lockWorkspaceIdentities } from '../identity/stitch.js';

// One scope the kpi_conversion_days pre-aggregate is kept for (migration 20261130100000).
export interface ConversionUnit {
  scope: 'workspace' | 'journey' | 'stage' | 'touchpoint' | 'channel';
  key: string;
}

// A scope of at most one kind; combined scopes (journey AND channel, initiatives) have no unit.
export function conversionUnit(scope: TouchpointScope): ConversionUnit | null {
  if (scope.touchpointIds !== undefined) return null;
  const picks: ConversionUnit[] = [];
  if (scope.journeyId !== undefined) picks.push({ scope: 'journey', key: scope.journeyId.toLowerCase() });
  if (scope.stageId !== undefined) picks.push({ scope: 'stage', key: scope.stageId.toLowerCase() });
  if (scope.touchpointId !== undefined) picks.push({ scope: 'touchpoint', key: scope.touchpointId.toLowerCase() });
  if (scope.channel !== undefined) picks.push({ scope: 'channel', key: scope.channel });
  if (picks.length > 1) return null;
  return picks[0] ?? { scope: 'workspace', key: '' };
}

// Days since 1970-01-01 of a window whose ends are UTC midnights, else null.
export function utcDayWindow(window: TimeWindow): { first: number; end: number } | null {
  const from = window.from.getTime();
  const to = window.to.getTime();
  if (from % DAY_MS !== 0 || to % DAY_MS !== 0) return null;
  return { first: from / DAY_MS, end: to / DAY_MS };
}

// Each customer with an in-scope event in [first, end) has exactly one point there whose previous
// active day is before the window: the day of their first in-window event, with its lag.
export function conversionDaysSql(p: Params, workspace: string, unit: ConversionUnit, days: { first: number; end: number }, conversionWindowDays = DEFAULT_CONVERSION_WINDOW_DAYS): string {
  const first = p.add(days.first, 'int');
  return `SELECT EXISTS (SELECT 1 FROM kpi_conversion_workspaces w WHERE w.workspace_id = ${workspace}) AS enabled,
      coalesce(sum(d.customers), 0)::float8 AS customers, coalesce(sum(d.customers) FILTER (WHERE d.lag_days <= ${p.add(conversionWindowDays, 'int')}), 0)::float8 AS converted
    FROM kpi_conversion_days d
    WHERE d.workspace_id = ${workspace} AND d.scope = ${p.add(unit.scope, 'text')} AND d.scope_key = ${p.add(unit.key, 'text')}
      AND d.day >= ${first} AND d.day < ${p.add(days.end, 'int')} AND d.prev_day < ${first}`;
}

// The pre-aggregate is kept only for workspaces that enable it: it costs ingest a read of the batch's
// customers' recent history (migration 20261130110000). Enabling derives it from the stored events.
// An ingest batch holds its workspace's identity lock (lockWorkspaceIdentities) until it commits;
// holding it too, no batch commits between the derivation's snapshot and the moment its trigger
// sees the workspace enabled, which would leave that batch out for good. Batches wait meanwhile.
export async function enableConversionDays(db: SqlDb, workspaceId: string): Promise<void> {
  assertUuid(workspaceId, 'workspaceId');
  const enable = async (tx: SqlDb): Promise<void> => {
    await lockWorkspaceIdentities(tx, workspaceId);
    await tx.query('SELECT kpi_conversion_days_enable($1::uuid)', [workspaceId]);
  };
  await (db.transaction ? db.transaction(enable) : enable(db));
}

export async function disableConversionDays(db: SqlDb, workspaceId: string): Promise<void> {
  assertUuid(workspaceId, 'workspaceId');
  await db.query('SELECT kpi_conversion_days_disable($1::uuid)', [workspaceId]);
}

// Whether the workspace keeps the pre-aggregate (a row in kpi_conversion_workspaces).
export async function isConversionDaysEnabled(db: SqlDb, workspaceId: string): Promise<boolean> {
  assertUuid(workspaceId, 'workspaceId');
  const rows = await db.query<{ enabled: boolean }>('SELECT EXISTS (SELECT 1 FROM kpi_conversion_workspaces WHERE workspace_id = $1::uuid) AS enabled', [workspaceId]);
  return rows[0]?.enabled === true;
}
