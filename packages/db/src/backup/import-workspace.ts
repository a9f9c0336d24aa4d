import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BackupError } from './backup-error.js';
import type { BackupConnection } from './catalog.js';
import { appliedMigrations, quoteIdent, workspaceTables } from './catalog.js';
import type { ExportedTable, WorkspaceExportManifest } from './manifest.js';
import { MANIFEST_FILE, manifestSchema } from './manifest.js';

const INSERT_ROWS = 1000;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface ImportSummary {
  workspaceId: string;
  tables: { table: string; rows: number }[];
}

export async function readExportManifest(dir: string): Promise<WorkspaceExportManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    throw new BackupError('INVALID_ARCHIVE', `cannot read ${join(dir, MANIFEST_FILE)}: ${messageOf(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BackupError('INVALID_ARCHIVE', `${MANIFEST_FILE} is not JSON: ${messageOf(error)}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError('INVALID_ARCHIVE', `${MANIFEST_FILE} is not a Waymark workspace export: ${issue?.path.join('.')} ${issue?.message}`);
  }
  return parsed.data;
}

// Loads an export into this database under the same ids, in one transaction: all of it or nothing.
// The target must be migrated at least as far as the source. Tables filled by triggers (KPI
// rollups) come last and replace what the triggers computed while the events went in, so every
// KPI, float sums included, is bit-identical to the source's.
export async function importWorkspace(db: BackupConnection, dir: string): Promise<ImportSummary> {
  const manifest = await readExportManifest(dir);
  for (const table of manifest.tables) await verifyFile(dir, table);
  await db.query('BEGIN');
  try {
    await checkTarget(db, manifest);
    const summary: ImportSummary = { workspaceId: manifest.workspace.id, tables: [] };
    for (const table of manifest.tables) {
      if (table.derived) await db.query(`DELETE FROM ${quoteIdent(table.table)} WHERE workspace_id = $1::uuid`, [manifest.workspace.id]);
      await importTable(db, dir, table);
      await advanceSequences(db, table);
      summary.tables.push({ table: table.table, rows: table.rows });
    }
    await db.query('COMMIT');
    // Fresh planner statistics after a bulk load (see refreshPlannerStatistics in demo/seed.ts).
    await db.query(`ANALYZE ${manifest.tables.map((table) => quoteIdent(table.table)).join(', ')}`);
    return summary;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

async function verifyFile(dir: string, table: ExportedTable): Promise<void> {
  const hash = createHash('sha256');
  let lines = 0;
  for await (const line of createInterface({ input: createReadStream(join(dir, table.file)), crlfDelay: Infinity })) {
    hash.update(`${line}\n`);
    lines += 1;
  }
  if (lines !== table.rows || hash.digest('hex') !== table.sha256) {
    throw new BackupError('INVALID_ARCHIVE', `${table.file} does not match the manifest (expected ${table.rows} rows and its hash): the export is damaged or was edited`);
  }
}

async function checkTarget(db: BackupConnection, manifest: WorkspaceExportManifest): Promise<void> {
  const applied = new Set(await appliedMigrations(db));
  const missing = manifest.migrations.filter((m) => !applied.has(m));
  if (missing.length > 0) {
    throw new BackupError('SCHEMA_MISMATCH', `the target database lacks migrations ${missing.join(', ')}: run "node packages/db/dist/cli.js migrate" on it first`);
  }
  const { tables } = await workspaceTables(db);
  for (const exported of manifest.tables) {
    const target = tables.find((t) => t.name === exported.table);
    const unknown = target ? exported.columns.filter((c) => !target.columns.includes(c)) : exported.columns;
    if (!target || unknown.length > 0) {
      throw new BackupError('SCHEMA_MISMATCH', `the target database has no ${target ? `columns ${unknown.join(', ')} in` : 'table'} ${exported.table}`);
    }
  }
  const { rows } = await db.query('SELECT 1 FROM workspaces WHERE id = $1::uuid', [manifest.workspace.id]);
  if (rows.length > 0) throw new BackupError('CONFLICT', `workspace ${manifest.workspace.id} already exists in the target database; import into a database without it`);
}

// Rows go back through json_populate_recordset, so PostgreSQL parses each value with the column's own type.
async function importTable(db: BackupConnection, dir: string, table: ExportedTable): Promise<void> {
  const columns = table.columns.map(quoteIdent).join(', ');
  const insert = `INSERT INTO ${quoteIdent(table.table)} (${columns}) OVERRIDING SYSTEM VALUE
    SELECT ${columns} FROM json_populate_recordset(NULL::${quoteIdent(table.table)}, $1::json)`;
  // A table that references itself goes in one statement: its foreign keys are checked at the end.
  const batchSize = table.selfReferencing ? Number.POSITIVE_INFINITY : INSERT_ROWS;
  let batch: string[] = [];
  for await (const line of createInterface({ input: createReadStream(join(dir, table.file)), crlfDelay: Infinity })) {
    batch.push(line);
    if (batch.length >= batchSize) {
      await db.query(insert, [`[${batch.join(',')}]`]);
      batch = [];
    }
  }
  if (batch.length > 0) await db.query(insert, [`[${batch.join(',')}]`]);
}

// Imported ids keep their values, so serial sequences must move past them.
async function advanceSequences(db: BackupConnection, table: ExportedTable): Promise<void> {
  for (const column of table.columns) {
    const { rows } = await db.query<{ seq: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS seq', [quoteIdent(table.table), column]);
    const seq = rows[0]?.seq;
    if (!seq) continue;
    await db.query(
      `SELECT setval($1::regclass, m) FROM (SELECT max(${quoteIdent(column)}) AS m FROM ${quoteIdent(table.table)}) x
       WHERE m IS NOT NULL AND m > COALESCE((SELECT last_value FROM pg_sequences WHERE format('%I.%I', schemaname, sequencename)::regclass = $1::regclass), 0)`,
      [seq],
    );
  }
}
