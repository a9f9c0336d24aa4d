import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { BackupError } from './backup-error.js';
import type { BackupConnection, TableInfo } from './catalog.js';
import { appliedMigrations, assertWorkspaceId, quoteIdent, workspaceTables } from './catalog.js';
import type { ExportedTable, WorkspaceExportManifest } from './manifest.js';
import { EXPORT_FORMAT, MANIFEST_FILE } from './manifest.js';

const FETCH_ROWS = 2000;

// Writes every workspace-scoped table of one workspace (KPI rollups included) as <table>.ndjson (one row_to_json per
// line, so types round-trip through PostgreSQL itself) plus manifest.json with counts and hashes.
// One REPEATABLE READ transaction: the files are a consistent snapshot while ingestion goes on.
export async function exportWorkspace(db: BackupConnection, workspaceId: string, dir: string): Promise<WorkspaceExportManifest> {
  assertWorkspaceId(workspaceId);
  await prepareDirectory(dir);
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const { rows } = await db.query<{ name: string }>('SELECT name FROM workspaces WHERE id = $1::uuid', [workspaceId]);
    const workspace = rows[0];
    if (!workspace) throw new BackupError('NOT_FOUND', `workspace ${workspaceId} does not exist in this database`);
    const { tables, derived } = await workspaceTables(db);
    const exported: ExportedTable[] = [];
    for (const table of tables) exported.push(await exportTable(db, table, workspaceId, dir));
    const manifest: WorkspaceExportManifest = {
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      workspace: { id: workspaceId, name: workspace.name },
      migrations: await appliedMigrations(db),
      tables: exported,
      derivedTables: derived,
    };
    await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await db.query('COMMIT');
  }
}

async function prepareDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const present = await readdir(dir);
  if (present.length > 0) throw new BackupError('CONFLICT', `export directory ${dir} is not empty; choose a new one`);
}

async function exportTable(db: BackupConnection, table: TableInfo, workspaceId: string, dir: string): Promise<ExportedTable> {
  const file = `${table.name}.ndjson`;
  const key = table.name === 'workspaces' ? 'id' : 'workspace_id';
  const order = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
  // The id is a checked UUID literal: DECLARE takes no bind parameters.
  await db.query(
    `DECLARE waymark_export NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS line FROM ${quoteIdent(table.name)} t
     WHERE t.${quoteIdent(key)} = '${workspaceId}'::uuid ORDER BY ${order.map((c) => `t.${quoteIdent(c)}`).join(', ')}`,
  );
  const hash = createHash('sha256');
  const out = createWriteStream(join(dir, file));
  let rows = 0;
  try {
    for (;;) {
      const { rows: batch } = await db.query<{ line: string }>(`FETCH ${FETCH_ROWS} FROM waymark_export`);
      if (batch.length === 0) break;
      const chunk = `${batch.map((r) => r.line).join('\n')}\n`;
      hash.update(chunk);
      rows += batch.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
    await db.query('CLOSE waymark_export');
  }
  return { table: table.name, file, rows, sha256: hash.digest('hex'), columns: table.columns, selfReferencing: table.selfReferencing, derived: table.derived };
}
