import type { Db, DemoWorkspace, SqlDb } from '@waymark/db';
import { createPostgresDb, enableConversionDays, migrate, rebuildKpiRollups, seedDemoWorkspace } from '@waymark/db';
import { performance } from 'node:perf_hooks';
import type { BenchContext } from '../../harness/types.js';
import { databaseExists, databaseUrl, recreateDatabase } from '../../harness/postgres.js';

export interface DatasetSpec {
  database: string;
  scale: number;
  seed: number;
  now: Date;
}

export interface Dataset {
  db: Db;
  demo: DemoWorkspace;
  /** ms spent generating and loading in this run; null when an earlier load was reused. */
  loadMs: number | null;
}

interface MarkerRow {
  seed: number;
  scale: number;
  now_ms: string;
  demo: DemoWorkspace & { from: string; to: string };
}

// The bench data set lives in its own database and is reused while seed, scale and "now" match:
// the marker row is written last, so an interrupted load is never mistaken for a complete one.
async function readMarker(db: SqlDb): Promise<MarkerRow | null> {
  const tables = await db.query<{ n: unknown }>(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'bench_datasets'`);
  if (Number(tables[0]?.n ?? 0) === 0) return null;
  const rows = await db.query<MarkerRow>(`SELECT seed, scale, now_ms::text AS now_ms, demo FROM bench_datasets WHERE name = 'kpi'`);
  return rows[0] ?? null;
}

function matches(marker: MarkerRow, spec: DatasetSpec): boolean {
  return marker.seed === spec.seed && marker.scale === spec.scale && Number(marker.now_ms) === spec.now.getTime();
}

export async function ensureDataset(context: BenchContext, spec: DatasetSpec): Promise<Dataset> {
  const url = databaseUrl(context.adminUrl, spec.database);
  if (await databaseExists(context.adminUrl, spec.database)) {
    const db = await createPostgresDb(url, 4);
    const marker = await readMarker(db);
    if (marker && matches(marker, spec)) {
      context.log(`kpi: reusing data set in ${spec.database} (scale ${spec.scale}, seed ${spec.seed}, ${marker.demo.events} events)`);
      await catchUpMigrations(context, db);
      await ensureConversionDays(context, db, marker.demo.workspaceId);
      return { db, demo: { ...marker.demo, from: new Date(marker.demo.from), to: new Date(marker.demo.to) }, loadMs: null };
    }
    await db.close();
  }
  context.log(`kpi: loading scale ${spec.scale} (seed ${spec.seed}) into ${spec.database}; this takes a while at scale 100`);
  await recreateDatabase(context.adminUrl, spec.database);
  const start = performance.now();
  const demo = await bulkLoad(context, url, spec);
  const loadMs = performance.now() - start;
  const db = await createPostgresDb(url, 4);
  await db.query(`CREATE TABLE bench_datasets (name text PRIMARY KEY, seed int NOT NULL, scale float8 NOT NULL, now_ms bigint NOT NULL, demo jsonb NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())`);
  await db.query(`INSERT INTO bench_datasets (name, seed, scale, now_ms, demo) VALUES ('kpi', $1, $2, $3, $4::jsonb)`, [
    spec.seed,
    spec.scale,
    spec.now.getTime(),
    JSON.stringify(demo),
  ]);
  context.log(`kpi: loaded ${demo.events} events for ${demo.customers} customers in ${(loadMs / 1000).toFixed(1)} s`);
  return { db, demo, loadMs };
}

// A dedicated database with one writer, so the load may cut corners the application never does:
// one session with session_replication_role = replica (no FK checks, no rollup triggers), and the
// secondary indexes of events dropped during the load and rebuilt after it. Rollups are then
// derived once with rebuildKpiRollups.
async function bulkLoad(context: BenchContext, url: string, spec: DatasetSpec): Promise<DemoWorkspace> {
  const db = await createPostgresDb(url, 1);
  try {
    await migrate(db);
    const indexes = await db.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'events' AND indexname <> 'events_pkey'`,
    );
    for (const index of indexes) await db.exec(`DROP INDEX "${index.name}"`);
    await db.exec('SET session_replication_role = replica');
    let reported = 0;
    const demo = await seedDemoWorkspace(db, {
      scale: spec.scale,
      seed: spec.seed,
      now: spec.now,
      batchSize: 50_000,
      onProgress: ({ events }) => {
        if (events - reported >= 1_000_000) {
          reported = events;
          context.log(`kpi: ${events} events loaded`);
        }
      },
    });
    await db.exec('SET session_replication_role = origin');
    context.log('kpi: rebuilding indexes and deriving rollups');
    for (const index of indexes) await db.exec(index.def);
    await rebuildKpiRollups(db, demo.workspaceId);
    await enableConversionDays(db, demo.workspaceId);
    await refreshTables(db);
    return demo;
  } finally {
    await db.close();
  }
}

// Planner statistics for the bulk-loaded tables (without them the per-customer joins pick nested
// loops), and a vacuum so the visibility map is set and index-only scans skip the heap.
async function refreshTables(db: Db): Promise<void> {
  await db.exec('VACUUM (ANALYZE)');
}

// A reused data set gets migrations added since it was loaded (they backfill their own tables).
async function catchUpMigrations(context: BenchContext, db: Db): Promise<void> {
  const { applied } = await migrate(db, { log: context.log });
  if (applied.length > 0) await refreshTables(db);
}

// The dashboard workspace keeps the conversion pre-aggregate (opt-in per workspace, see @waymark/db).
async function ensureConversionDays(context: BenchContext, db: Db, workspaceId: string): Promise<void> {
  const rows = await db.query<{ n: unknown }>('SELECT count(*)::int AS n FROM kpi_conversion_workspaces WHERE workspace_id = $1::uuid', [workspaceId]);
  if (Number(rows[0]?.n ?? 0) > 0) return;
  context.log('kpi: deriving kpi_conversion_days for the data set');
  await enableConversionDays(db, workspaceId);
  await refreshTables(db);
}
