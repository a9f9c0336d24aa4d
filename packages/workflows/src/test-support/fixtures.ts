import { randomUUID } from 'node:crypto';
import type { Db } from '@waymark/db';

export interface TouchpointSpec {
  key: string;
  stage: string;
  channel: string;
  ownerTeam: string | null;
  facts?: Record<string, string>;
}

export interface Seeded {
  workspaceId: string;
  journeyId: string;
  stages: Map<string, string>;
  touchpoints: Map<string, string>;
}

export async function seedJourney(db: Db, stageNames: readonly string[], touchpoints: readonly TouchpointSpec[]): Promise<Seeded> {
  const workspaceId = randomUUID();
  const journeyId = randomUUID();
  await db.query('INSERT INTO workspaces (id, name) VALUES ($1::uuid, $2)', [workspaceId, `ws-${workspaceId.slice(0, 8)}`]);
  await db.query('INSERT INTO journeys (id, workspace_id, name, updated_at) VALUES ($1::uuid, $2::uuid, $3, now())', [journeyId, workspaceId, 'Resort stay']);
  const stages = new Map<string, string>();
  for (const [position, name] of stageNames.entries()) {
    const id = randomUUID();
    stages.set(name, id);
    await db.query('INSERT INTO stages (id, workspace_id, journey_id, name, position) VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5)', [id, workspaceId, journeyId, name, position]);
  }
  const tps = new Map<string, string>();
  for (const tp of touchpoints) {
    const id = randomUUID();
    tps.set(tp.key, id);
    await db.query(
      `INSERT INTO touchpoints (id, workspace_id, stage_id, key, name, type, channel, mode, owner_team, facts, updated_at)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $4, 'INTERACTION', $5, 'ONLINE', $6, $7::jsonb, now())`,
      [id, workspaceId, stages.get(tp.stage), tp.key, tp.channel, tp.ownerTeam, JSON.stringify(tp.facts ?? {})],
    );
  }
  return { workspaceId, journeyId, stages, touchpoints: tps };
}

export interface EventSpec {
  touchpointId: string;
  occurredAt: Date;
  kind?: string;
  csat?: number;
  nps?: number;
  sentiment?: number;
  value?: number;
}

// Test data written straight to the tables the workflows read (the rollup triggers keep KPIs exact).
export async function insertEvents(db: Db, workspaceId: string, events: readonly EventSpec[]): Promise<void> {
  const customerId = randomUUID();
  await db.query('INSERT INTO customers (id, workspace_id) VALUES ($1::uuid, $2::uuid)', [customerId, workspaceId]);
  for (const e of events) {
    await db.query(
      `INSERT INTO events (workspace_id, source, external_id, touchpoint_id, customer_id, occurred_at, kind, csat, nps, sentiment, value)
       VALUES ($1::uuid, 'test', $2, $3::uuid, $4::uuid, $5::timestamptz, $6::"EventKind", $7, $8, $9, $10)`,
      [workspaceId, randomUUID(), e.touchpointId, customerId, e.occurredAt.toISOString(), e.kind ?? 'SURVEY', e.csat ?? null, e.nps ?? null, e.sentiment ?? null, e.value ?? null],
    );
  }
}

export const daysBefore = (at: Date, days: number): Date => new Date(at.getTime() - days * 86_400_000);
