export { BackupError } from './backup-error.js';
export type { BackupErrorCode } from './backup-error.js';
export type { BackupConnection } from './catalog.js';
export { exportWorkspace } from './export-workspace.js';
export { importWorkspace, readExportManifest } from './import-workspace.js';
export type { ImportSummary } from './import-workspace.js';
export type { ExportedTable, WorkspaceExportManifest } from './manifest.js';
export { EXPORT_FORMAT, MANIFEST_FILE } from './manifest.js';
