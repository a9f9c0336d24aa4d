import type { Db } from '../client/db.js';
import type { Prisma, TouchpointMode, TouchpointType } from '../generated/prisma/client.js';
import type { JourneyWithStages } from './journey.repository.js';

// A journey with its ordered stages and touchpoints in one round trip. findWithStages (Prisma
// include) sends three queries; the API reads this tree on every journey(id) request, so it is
// one SQL statement here. Order and columns match findWithStages (a test holds them equal).
const TREE_SQL = `
SELECT j.id, j.workspace_id AS "workspaceId", j.name, j.description, j.created_at AS "createdAt", j.updated_at AS "updatedAt",
  COALESCE((
    SELECT json_agg(json_build_object(
      'id', s.id, 'workspaceId', s.workspace_id, 'journeyId', s.journey_id, 'name', s.name, 'position', s.position,
      'touchpoints', COALESCE((
        SELECT json_agg(json_build_object(
          'id', t.id, 'workspaceId', t.workspace_id, 'stageId', t.stage_id, 'key', t.key, 'name', t.name, 'type', t.type,
          'channel', t.channel, 'mode', t.mode, 'ownerTeam', t.owner_team, 'monthlyCost', t.monthly_cost, 'facts', t.facts,
          'position', t.position, 'createdAt', t.created_at, 'updatedAt', t.updated_at) ORDER BY t.position, t.created_at, t.id)
        FROM touchpoints t WHERE t.workspace_id = j.workspace_id AND t.stage_id = s.id), '[]'::json)
    ) ORDER BY s.position, s.id)
    FROM stages s WHERE s.workspace_id = j.workspace_id AND s.journey_id = j.id), '[]'::json) AS stages
FROM journeys j
WHERE j.workspace_id = $1::uuid AND j.id = $2::uuid`;

interface TouchpointJson {
  id: string;
  workspaceId: string;
  stageId: string;
  key: string;
  name: string;
  type: TouchpointType;
  channel: string;
  mode: TouchpointMode;
  ownerTeam: string | null;
  monthlyCost: number | null;
  facts: Prisma.JsonValue;
  position: number;
  // JSON has no timestamps: ISO-8601 text.
  createdAt: string;
  updatedAt: string;
}

interface StageJson {
  id: string;
  workspaceId: string;
  journeyId: string;
  name: string;
  position: number;
  touchpoints: TouchpointJson[];
}

interface TreeRow {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
  // json columns are parsed by both drivers (pg and PGlite).
  stages: StageJson[];
}

// On PostgreSQL a named prepared statement: each connection parses and plans it once.
async function treeRows(db: Db, params: string[]): Promise<TreeRow[]> {
  if (db.kind !== 'postgres') return db.query<TreeRow>(TREE_SQL, params);
  return db.withPgClient(async (client) => (await client.query<TreeRow>({ name: 'waymark_journey_tree', text: TREE_SQL, values: params })).rows);
}

export async function findJourneyTree(db: Db, workspaceId: string, journeyId: string): Promise<JourneyWithStages | null> {
  const [row] = await treeRows(db, [workspaceId, journeyId]);
  if (!row) return null;
  return {
    ...row,
    stages: row.stages.map((stage) => ({
      ...stage,
      touchpoints: stage.touchpoints.map((tp) => ({ ...tp, createdAt: new Date(tp.createdAt), updatedAt: new Date(tp.updatedAt) })),
    })),
  };
}
