import type { KpiScope } from '@waymark/domain';
import { KpiError } from '@waymark/domain';

// The one thing the KPI queries need from the data layer: parameterised raw SQL returning rows.
export interface SqlDb {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  // The data layer's Db has it: lets a heavy KPI read set planner options for its transaction only.
  transaction?<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T>;
}

// Per-customer reads (conversion, funnel) are large one-off plans: JIT compilation cost more than it
// saved (0.9–1.8 s of a 1–4 s query at scale 100), so it is off for their transaction only, with any
// further planner settings a caller measured to help (see funnel.ts).
export async function queryPerCustomer<Row extends object>(
  db: SqlDb,
  sql: string,
  params: readonly unknown[],
  settings: Readonly<Record<string, string>> = {},
): Promise<Row[]> {
  if (!db.transaction) return db.query<Row>(sql, params);
  return db.transaction(async (tx) => {
    for (const [name, value] of Object.entries({ jit: 'off', ...settings })) await tx.query('SELECT set_config($1, $2, true)', [name, value]);
    return tx.query<Row>(sql, params);
  });
}

// Collects positional parameters while a statement is assembled.
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

export function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  return 0;
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertUuid(value: string, what: string): void {
  if (!UUID.test(value)) throw new KpiError('INVALID_ARGUMENT', `${what} must be a UUID, got "${value}"`);
}

/** A KPI scope, or an explicit set of touchpoints (initiatives). */
export interface TouchpointScope extends KpiScope {
  touchpointIds?: readonly string[];
}

export function assertScope(scope: TouchpointScope): void {
  if (scope.journeyId !== undefined) assertUuid(scope.journeyId, 'scope.journeyId');
  if (scope.stageId !== undefined) assertUuid(scope.stageId, 'scope.stageId');
  if (scope.touchpointId !== undefined) assertUuid(scope.touchpointId, 'scope.touchpointId');
  for (const id of scope.touchpointIds ?? []) assertUuid(id, 'touchpointIds[]');
}

// SELECT of the touchpoint ids in scope, for use as `touchpoint_id IN (<this>)`.
export function scopeSql(p: Params, workspace: string, scope: TouchpointScope): string {
  const where = [`t.workspace_id = ${workspace}`];
  if (scope.journeyId !== undefined) where.push(`s.journey_id = ${p.add(scope.journeyId, 'uuid')}`);
  if (scope.stageId !== undefined) where.push(`t.stage_id = ${p.add(scope.stageId, 'uuid')}`);
  if (scope.touchpointId !== undefined) where.push(`t.id = ${p.add(scope.touchpointId, 'uuid')}`);
  if (scope.channel !== undefined) where.push(`t.channel = ${p.add(scope.channel, 'text')}`);
  if (scope.touchpointIds !== undefined) where.push(`t.id = ANY(${p.add([...scope.touchpointIds], 'uuid[]')})`);
  return `SELECT t.id FROM touchpoints t JOIN stages s ON s.id = t.stage_id WHERE ${where.join(' AND ')}`;
}

export const epochMs = (expr: string): string => `(extract(epoch from ${expr}) * 1000)::float8`;

export const hoursInterval = (p: Params, days: number): string => `make_interval(hours => ${p.add(days * 24, 'int')})`;
