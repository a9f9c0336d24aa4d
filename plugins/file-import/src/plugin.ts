import { definePlugin } from '@waymark/plugin-sdk';
import { fileImportConfigSchema } from './config.js';
import { readHeader } from './csv.js';
import { checkReadable } from './source.js';
import { rows } from './streams/rows.js';
import { packageVersion } from './version.js';

/**
 * CSV / NDJSON file import: streams any system's export from a path or URL, in bounded memory,
 * one rejected record (with row number and reason) per bad row, nothing else lost.
 */
export const plugin = definePlugin({
  id: 'file-import',
  name: 'CSV / NDJSON file import',
  version: packageVersion(),
  category: 'file',
  description: 'Imports events from a CSV or NDJSON export (local path or URL), resuming mid-file; bad rows are kept as rejected records.',
  config: fileImportConfigSchema,
  secrets: [],
  streams: [rows],
  async testConnection(ctx) {
    await checkReadable(ctx);
    if (ctx.config.format === 'csv') await readHeader(ctx);
  },
});
