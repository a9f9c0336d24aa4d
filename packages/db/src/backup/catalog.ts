import { BackupError } from './backup-error.js';

// What the backup needs from a PostgreSQL connection: pg's Client and PoolClient fit.
export interface BackupConnection {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Tables this one references through a foreign key (itself excluded). */
  references: string[];
  selfReferencing: boolean;
  /** Filled by triggers from other tables (KPI rollups): restored verbatim after its sources. */
  derived: boolean;
}

// Filled by triggers from events. Copied too (bit-identical float sums), but restored after the
// events, replacing what the triggers computed during the import. kpi_conversion_days holds counts
// the events trigger adds to, so restored before the events it would count them twice.
export const DERIVED_TABLE_PREFIX = 'kpi_rollup_';
const DERIVED_TABLES: readonly string[] = ['kpi_conversion_days'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertWorkspaceId(workspaceId: string): void {
  if (!UUID.test(workspaceId)) throw new BackupError('INVALID_ARGUMENT', `workspace id must be a UUID, got "${workspaceId}"`);
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// Every base table of the current schema with a workspace_id column, plus workspaces itself.
export async function workspaceTables(db: BackupConnection): Promise<{ tables: TableInfo[]; derived: string[] }> {
  const { rows: tableRows } = await db.query<{ name: string }>(
    `SELECT t.table_name AS name FROM information_schema.tables t
     WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
       AND (t.table_name = 'workspaces' OR EXISTS (SELECT 1 FROM information_schema.columns c
         WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'workspace_id'))
     ORDER BY t.table_name`,
  );
  const names = tableRows.map((r) => r.name);
  if (!names.includes('workspaces')) throw new BackupError('SCHEMA_MISMATCH', 'the database has no workspaces table: run the migrations first');
  const tables: TableInfo[] = [];
  // One after another: a single pg client runs one query at a time.
  for (const name of names) tables.push(await describeTable(db, name, names));
  const sources = sortByDependencies(tables.filter((t) => !t.derived));
  const derived = tables.filter((t) => t.derived);
  return { tables: [...sources, ...derived], derived: derived.map((t) => t.name) };
}

async function describeTable(db: BackupConnection, name: string, scope: string[]): Promise<TableInfo> {
  const { rows: columns } = await db.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [name],
  );
  const { rows: keys } = await db.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident($1)) AND i.indisprimary
     ORDER BY array_position(i.indkey, a.attnum)`,
    [name],
  );
  const { rows: refs } = await db.query<{ name: string }>(
    `SELECT DISTINCT f.relname AS name FROM pg_constraint c JOIN pg_class f ON f.oid = c.confrelid
     WHERE c.contype = 'f' AND c.conrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident($1))`,
    [name],
  );
  const referenced = refs.map((r) => r.name);
  return {
    name,
    columns: columns.map((c) => c.name),
    primaryKey: keys.map((k) => k.name),
    references: referenced.filter((r) => r !== name && scope.includes(r)),
    selfReferencing: referenced.includes(name),
    derived: name.startsWith(DERIVED_TABLE_PREFIX) || DERIVED_TABLES.includes(name),
  };
}

// Parents before children, so an import satisfies every foreign key as it goes.
export function sortByDependencies(tables: TableInfo[]): TableInfo[] {
  const sorted: TableInfo[] = [];
  const done = new Set<string>();
  let pending = [...tables];
  while (pending.length > 0) {
    const ready = pending.filter((t) => t.references.every((r) => done.has(r)));
    if (ready.length === 0) {
      throw new BackupError('SCHEMA_MISMATCH', `foreign keys form a cycle between ${pending.map((t) => t.name).join(', ')}`);
    }
    for (const table of ready) {
      sorted.push(table);
      done.add(table.name);
    }
    pending = pending.filter((t) => !done.has(t.name));
  }
  return sorted;
}

// Applied migrations as recorded by the migration runner (Prisma's table), if any.
export async function appliedMigrations(db: BackupConnection): Promise<string[]> {
  const { rows: exists } = await db.query<{ present: boolean }>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`);
  if (!exists[0]?.present) return [];
  const { rows } = await db.query<{ name: string }>(
    `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => r.name);
}
