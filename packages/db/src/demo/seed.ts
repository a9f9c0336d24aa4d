import { randomUUID } from 'node:crypto';
import { DAY_MS } from '@waymark/domain';
import { normaliseRef } from '../identity/refs.js';
import type { SqlDb } from '../kpi/sql.js';
import type { DemoTouchpoint } from './catalog.js';
import { DEMO_INITIATIVE, DEMO_JOURNEYS, DEMO_SCHEDULES, DEMO_STAGES, DEMO_THRESHOLDS } from './catalog.js';
import { uuidFactory } from './ids.js';
import type { DemoEvent } from './simulate.js';
import { DemoSimulator } from './simulate.js';

export interface SeedDemoOptions {
  workspaceId?: string;
  workspaceName?: string;
  timeZone?: string;
  /** 1 ≈ 12.5k customers and ~100k events; 100 ≈ 1.25M customers and ~10M events. */
  scale?: number;
  seed?: number;
  now?: Date;
  /** Rows per INSERT statement. */
  batchSize?: number;
  onProgress?: (progress: { customers: number; events: number }) => void;
}

export interface DemoWorkspace {
  workspaceId: string;
  journeyIds: Record<'resort' | 'tours' | 'shop', string>;
  stageIds: Record<'resort' | 'tours' | 'shop', string[]>;
  touchpointIds: Record<string, string>;
  initiativeId: string;
  customers: number;
  events: number;
  from: Date;
  to: Date;
}

export const CUSTOMERS_PER_SCALE = 12_500;
const DEMO_DAYS = 182;
const DEFAULT_NOW = Date.UTC(2026, 10, 1);

// Creates the demo resort in a workspace (created when missing): journeys, stages, touchpoints,
// customers with identities, ~6 months of events, an initiative to evaluate and the schedules that
// run by themselves (catalog.ts). Bulk INSERT … SELECT unnest(…) batches work
// on PostgreSQL and PGlite alike; the KPI rollups fill in through their triggers.
export async function seedDemoWorkspace(db: SqlDb, options: SeedDemoOptions = {}): Promise<DemoWorkspace> {
  const workspaceId = options.workspaceId ?? randomUUID();
  const seed = options.seed ?? 42;
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new Error(`scale must be a positive number, got ${scale}`);
  const now = (options.now ?? new Date(DEFAULT_NOW)).getTime();
  const nextId = uuidFactory(workspaceId, seed);
  await db.query(
    `INSERT INTO workspaces (id, name, time_zone) VALUES ($1::uuid, $2, $3) ON CONFLICT (id) DO NOTHING`,
    [workspaceId, options.workspaceName ?? 'Lumen Bay Resort & Cultural Park', options.timeZone ?? 'Europe/Lisbon'],
  );
  const catalog = await insertCatalog(db, workspaceId, nextId);
  const initiativeId = await insertInitiative(db, workspaceId, nextId, catalog.touchpointIds, now);
  await insertSchedules(db, workspaceId, [...Object.values(catalog.journeyIds)], initiativeId);
  const customerCount = Math.max(1, Math.round(scale * CUSTOMERS_PER_SCALE));
  const events = await insertCustomersAndEvents(db, workspaceId, nextId, catalog.touchpointIds, {
    seed,
    now,
    customerCount,
    batchSize: options.batchSize ?? 20_000,
    onProgress: options.onProgress ?? (() => undefined),
  });
  await refreshPlannerStatistics(db);
  return { workspaceId, ...catalog, initiativeId, customers: customerCount, events, from: new Date(now - DEMO_DAYS * DAY_MS), to: new Date(now) };
}

async function insertCatalog(db: SqlDb, workspaceId: string, nextId: () => string) {
  const journeyIds = { resort: '', tours: '', shop: '' };
  const stageIds: DemoWorkspace['stageIds'] = { resort: [], tours: [], shop: [] };
  const touchpointIds: Record<string, string> = {};
  for (const journey of DEMO_JOURNEYS) {
    const journeyId = nextId();
    journeyIds[journey.key] = journeyId;
    await db.query(`INSERT INTO journeys (id, workspace_id, name, description, updated_at) VALUES ($1::uuid, $2::uuid, $3, $4, now())`, [
      journeyId,
      workspaceId,
      journey.name,
      journey.description,
    ]);
    const stages = DEMO_STAGES.map(() => nextId());
    stageIds[journey.key] = stages;
    await db.query(
      `INSERT INTO stages (id, workspace_id, journey_id, name, position)
       SELECT id, $1::uuid, $2::uuid, name, position FROM unnest($3::uuid[], $4::text[], $5::int[]) AS s(id, name, position)`,
      [workspaceId, journeyId, stages, [...DEMO_STAGES], DEMO_STAGES.map((_, i) => i + 1)],
    );
    for (const t of journey.touchpoints) touchpointIds[t.key] = nextId();
    await insertTouchpoints(db, workspaceId, stages, journey.touchpoints, touchpointIds);
  }
  await insertThresholds(db, workspaceId, nextId, touchpointIds);
  return { journeyIds, stageIds, touchpointIds };
}

async function insertThresholds(db: SqlDb, workspaceId: string, nextId: () => string, touchpointIds: Record<string, string>): Promise<void> {
  await db.query(
    `INSERT INTO kpi_thresholds (id, workspace_id, touchpoint_id, metric, direction, value, window_days, min_sample)
     SELECT id, $1::uuid, touchpoint_id, metric::"Metric", direction::"ThresholdDirection", value, 30, 20
     FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::float8[]) AS t(id, touchpoint_id, metric, direction, value)`,
    [
      workspaceId,
      DEMO_THRESHOLDS.map(() => nextId()),
      DEMO_THRESHOLDS.map((t) => touchpointIds[t.touchpoint]),
      DEMO_THRESHOLDS.map((t) => t.metric),
      DEMO_THRESHOLDS.map((t) => t.direction),
      DEMO_THRESHOLDS.map((t) => t.value),
    ],
  );
}

async function insertInitiative(db: SqlDb, workspaceId: string, nextId: () => string, touchpointIds: Record<string, string>, now: number): Promise<string> {
  const id = nextId();
  const startDate = new Date(now - DEMO_INITIATIVE.startedDaysAgo * DAY_MS);
  await db.query(`INSERT INTO initiatives (id, workspace_id, name, description, start_date, cost) VALUES ($1::uuid, $2::uuid, $3, $4, $5::timestamptz, $6)`, [
    id, workspaceId, DEMO_INITIATIVE.name, DEMO_INITIATIVE.description, startDate.toISOString(), DEMO_INITIATIVE.cost,
  ]);
  await db.query(
    `INSERT INTO initiative_touchpoints (workspace_id, initiative_id, touchpoint_id) SELECT $1::uuid, $2::uuid, unnest($3::uuid[])`,
    [workspaceId, id, DEMO_INITIATIVE.touchpoints.map((key) => touchpointIds[key])],
  );
  return id;
}

// Recorded like schedules set through the API, in the workspace's time zone: the worker applies them
// to Temporal when it starts, and a first start runs each once (apps/api, first-runs.ts).
async function insertSchedules(db: SqlDb, workspaceId: string, journeyIds: string[], initiativeId: string): Promise<void> {
  const rows = DEMO_SCHEDULES.flatMap(({ kind, cron }) => {
    const targets = kind === 'kpi-watch' ? [workspaceId] : kind === 'roi' ? [initiativeId] : journeyIds;
    return targets.map((targetId) => ({ kind, cron, targetId }));
  });
  await db.query(
    `INSERT INTO schedules (workspace_id, kind, target_id, cron, time_zone, updated_at)
     SELECT $1::uuid, s.kind, s.target_id, s.cron, w.time_zone, now()
     FROM unnest($2::text[], $3::uuid[], $4::text[]) AS s(kind, target_id, cron) JOIN workspaces w ON w.id = $1::uuid`,
    [workspaceId, rows.map((r) => r.kind), rows.map((r) => r.targetId), rows.map((r) => r.cron)],
  );
}

async function insertTouchpoints(db: SqlDb, workspaceId: string, stages: string[], touchpoints: DemoTouchpoint[], ids: Record<string, string>): Promise<void> {
  await db.query(
    `INSERT INTO touchpoints (id, workspace_id, stage_id, key, name, type, channel, mode, owner_team, monthly_cost, facts, position, updated_at)
     SELECT id, $1::uuid, stage_id, key, name, type::"TouchpointType", channel, mode::"TouchpointMode", owner_team, monthly_cost, facts::jsonb,
       (row_number() OVER (PARTITION BY stage_id ORDER BY ord) - 1)::int, now()
     FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::float8[], $11::text[])
       WITH ORDINALITY AS t(id, stage_id, key, name, type, channel, mode, owner_team, monthly_cost, facts, ord)`,
    [
      workspaceId,
      touchpoints.map((t) => ids[t.key]),
      touchpoints.map((t) => stages[t.stage]),
      touchpoints.map((t) => t.key),
      touchpoints.map((t) => t.name),
      touchpoints.map((t) => t.type),
      touchpoints.map((t) => t.channel),
      touchpoints.map((t) => t.mode),
      touchpoints.map((t) => t.ownerTeam),
      touchpoints.map((t) => t.monthlyCost),
      touchpoints.map((t) => JSON.stringify(t.facts)),
    ],
  );
}

interface EventBatch {
  customers: { id: string; ref: string; createdAt: string }[];
  events: DemoEvent[];
}

async function insertCustomersAndEvents(
  db: SqlDb,
  workspaceId: string,
  nextId: () => string,
  touchpointIds: Record<string, string>,
  options: { seed: number; now: number; customerCount: number; batchSize: number; onProgress: NonNullable<SeedDemoOptions['onProgress']> },
): Promise<number> {
  const simulator = new DemoSimulator(options.seed, options.now, DEMO_DAYS);
  const batchSize = options.batchSize;
  const customerIds: string[] = [];
  let batch: EventBatch = { customers: [], events: [] };
  let total = 0;
  const flush = async () => {
    await insertBatch(db, workspaceId, touchpointIds, customerIds, batch, options.seed);
    total += batch.events.length;
    options.onProgress({ customers: customerIds.length, events: total });
    batch = { customers: [], events: [] };
  };
  for (let i = 0; i < options.customerCount; i += 1) {
    const events = simulator.customer(i);
    const id = nextId();
    customerIds.push(id);
    const firstAt = events.reduce((min, e) => Math.min(min, e.at), options.now);
    // Stored as the pipeline stores a guest's e-mail by default: as its hash.
    batch.customers.push({ id, ref: normaliseRef(`email:guest-${options.seed}-${i}@demo.example`, false), createdAt: new Date(firstAt).toISOString() });
    batch.events.push(...events);
    if (batch.events.length >= batchSize) await flush();
  }
  if (batch.customers.length > 0) await flush();
  return total;
}

async function insertBatch(db: SqlDb, workspaceId: string, touchpointIds: Record<string, string>, customerIds: string[], batch: EventBatch, seed: number): Promise<void> {
  const c = batch.customers;
  await db.query(
    `INSERT INTO customers (id, workspace_id, created_at) SELECT id, $1::uuid, created_at FROM unnest($2::uuid[], $3::timestamptz[]) AS c(id, created_at)`,
    [workspaceId, c.map((x) => x.id), c.map((x) => x.createdAt)],
  );
  await db.query(
    `INSERT INTO customer_identities (id, workspace_id, customer_id, ref) SELECT gen_random_uuid(), $1::uuid, customer_id, ref FROM unnest($2::uuid[], $3::text[]) AS i(customer_id, ref)`,
    [workspaceId, c.map((x) => x.id), c.map((x) => x.ref)],
  );
  const e = batch.events;
  const perCustomer = new Map<number, number>();
  const externalIds = e.map((x) => {
    const n = perCustomer.get(x.customer) ?? 0;
    perCustomer.set(x.customer, n + 1);
    return `demo-${seed}-${x.customer}-${n}`;
  });
  await db.query(
    `INSERT INTO events (workspace_id, source, external_id, touchpoint_id, customer_id, occurred_at, kind, value, csat, nps, ces, sentiment, text)
     SELECT $1::uuid, 'demo', external_id, touchpoint_id, customer_id, occurred_at, kind::"EventKind", value, csat, nps, ces, sentiment, text
     FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::text[], $7::float8[], $8::int2[], $9::int2[], $10::int2[], $11::float8[], $12::text[])
       AS e(external_id, touchpoint_id, customer_id, occurred_at, kind, value, csat, nps, ces, sentiment, text)
     ON CONFLICT DO NOTHING`,
    [
      workspaceId,
      externalIds,
      e.map((x) => touchpointIds[x.touchpoint.key]),
      e.map((x) => customerIds[x.customer]),
      e.map((x) => new Date(x.at).toISOString()),
      e.map((x) => x.kind),
      e.map((x) => x.value),
      e.map((x) => x.csat),
      e.map((x) => x.nps),
      e.map((x) => x.ces),
      e.map((x) => x.sentiment),
      e.map((x) => x.text),
    ],
  );
}

// A bulk load leaves the planner with empty-table estimates until autovacuum catches up; without
// fresh statistics the per-customer KPI joins (conversion, funnel) pick nested loops and take minutes.
export async function refreshPlannerStatistics(db: SqlDb): Promise<void> {
  await db.query('ANALYZE customers, customer_identities, touchpoints, stages, events');
}
