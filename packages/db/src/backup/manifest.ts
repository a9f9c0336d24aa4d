import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const EXPORT_FORMAT = 'waymark-workspace-export';

const exportedTable = z.object({
  table: z.string().min(1),
  file: z.string().regex(/^[a-z0-9_]+\.ndjson$/, 'table files are <table>.ndjson'),
  rows: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  columns: z.array(z.string().min(1)).min(1),
  selfReferencing: z.boolean(),
  derived: z.boolean(),
});

export const manifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  workspace: z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/i, 'workspace.id must be a UUID'), name: z.string() }),
  migrations: z.array(z.string()),
  tables: z.array(exportedTable).min(1),
  derivedTables: z.array(z.string()),
});

export type WorkspaceExportManifest = z.infer<typeof manifestSchema>;
export type ExportedTable = z.infer<typeof exportedTable>;
