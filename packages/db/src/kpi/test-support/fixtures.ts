import { randomUUID } from 'node:crypto';
import type { EventKind, ReferenceCatalog, ReferenceEvent } from '@waymark/domain';
import type { SqlDb } from '../sql.js';

export interface FixtureEvent {
  touchpointId: string;
  customerId: string;
  occurredAt: Date;
  kind: EventKind;
  value?: number | null;
  csat?: number | null;
  nps?: number | null;
  ces?: number | null;
  sentiment?: number | null;
  externalId?: string;
}

export interface FixtureWorkspace {
  workspaceId: string;
  journeyId: string;
  stageIds: string[];
  touchpointIds: string[];
  catalog: ReferenceCatalog;
}

// A workspace with one journey; touchpoints given as [stage index, channel].
export async function createFixtureWorkspace(db: SqlDb, timeZone: string, stages: number, touchpoints: [number, string][]): Promise<FixtureWorkspace> {
  const workspaceId = randomUUID();
  const journeyId = randomUUID();
  const stageIds = Array.from({ length: stages }, () => randomUUID());
  const touchpointIds = touchpoints.map(() => randomUUID());
  await db.query('INSERT INTO workspaces (id, name, time_zone) VALUES ($1::uuid, $2, $3)', [workspaceId, 'KPI fixture', timeZone]);
  await db.query('INSERT INTO journeys (id, workspace_id, name, updated_at) VALUES ($1::uuid, $2::uuid, $3, now())', [journeyId, workspaceId, 'Journey']);
  for (const [i, id] of stageIds.entries()) {
    await db.query('INSERT INTO stages (id, workspace_id, journey_id, name, position) VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5)', [id, workspaceId, journeyId, `Stage ${i + 1}`, i + 1]);
  }
  for (const [i, [stage, channel]] of touchpoints.entries()) {
    await db.query(
      `INSERT INTO touchpoints (id, workspace_id, stage_id, key, name, type, channel, mode, updated_at)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $4, 'INTERACTION', $5, 'ONLINE', now())`,
      [touchpointIds[i], workspaceId, stageIds[stage], `tp-${i}`, channel],
    );
  }
  const catalog: ReferenceCatalog = {
    stages: stageIds.map((id, i) => ({ id, journeyId, position: i + 1 })),
    touchpoints: touchpoints.map(([stage, channel], i) => ({ id: touchpointIds[i] ?? '', stageId: stageIds[stage] ?? '', channel })),
  };
  return { workspaceId, journeyId, stageIds, touchpointIds, catalog };
}

export async function createCustomers(db: SqlDb, workspaceId: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.query('INSERT INTO customers (id, workspace_id) SELECT id, $1::uuid FROM unnest($2::uuid[]) AS c(id)', [workspaceId, ids]);
  return ids;
}

// Inserts in the given order (so event ids follow it) and returns the reference view with seq = id.
/** insertEvents as the sync pipeline writes: KPI maintenance deferred, the ids left pending for a fold. */
export async function insertEventsDeferred(db: SqlDb, workspaceId: string, events: readonly FixtureEvent[]): Promise<ReferenceEvent[]> {
  if (!db.transaction) throw new Error('insertEventsDeferred needs a Db with transactions');
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('waymark.kpi_defer', 'on', true)");
    return insertEvents(tx, workspaceId, events);
  });
}

export async function insertEvents(db: SqlDb, workspaceId: string, events: readonly FixtureEvent[]): Promise<ReferenceEvent[]> {
  if (events.length === 0) return [];
  const externalIds = events.map((e) => e.externalId ?? randomUUID());
  const rows = await db.query<{ id: string; external_id: string }>(
    `INSERT INTO events (workspace_id, source, external_id, touchpoint_id, customer_id, occurred_at, kind, value, csat, nps, ces, sentiment)
     SELECT $1::uuid, 'test', external_id, touchpoint_id, customer_id, occurred_at, kind::"EventKind", value, csat, nps, ces, sentiment
     FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::text[], $7::float8[], $8::int2[], $9::int2[], $10::int2[], $11::float8[])
       WITH ORDINALITY AS e(external_id, touchpoint_id, customer_id, occurred_at, kind, value, csat, nps, ces, sentiment, n)
     ORDER BY n
     ON CONFLICT DO NOTHING
     RETURNING id::text, external_id`,
    [
      workspaceId,
      externalIds,
      events.map((e) => e.touchpointId),
      events.map((e) => e.customerId),
      events.map((e) => e.occurredAt.toISOString()),
      events.map((e) => e.kind),
      events.map((e) => e.value ?? null),
      events.map((e) => e.csat ?? null),
      events.map((e) => e.nps ?? null),
      events.map((e) => e.ces ?? null),
      events.map((e) => e.sentiment ?? null),
    ],
  );
  const idOf = new Map(rows.map((r) => [r.external_id, Number(r.id)]));
  return events.flatMap((e, i) => {
    const seq = idOf.get(externalIds[i] ?? '');
    if (seq === undefined) return [];
    return [
      {
        seq,
        touchpointId: e.touchpointId,
        customerId: e.customerId,
        occurredAt: e.occurredAt,
        kind: e.kind,
        value: e.value ?? null,
        csat: e.csat ?? null,
        nps: e.nps ?? null,
        ces: e.ces ?? null,
        sentiment: e.sentiment ?? null,
      },
    ];
  });
}
