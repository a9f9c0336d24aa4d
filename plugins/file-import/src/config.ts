import { EVENT_KINDS } from '@waymark/plugin-sdk';
import { z } from 'zod';

const column = z.string().min(1);

/** Which column (CSV header) or key (NDJSON, dotted paths allowed) feeds each event field. */
export const mappingSchema = z
  .object({
    externalId: column.optional().describe('Unique id of the row in the source; default: a hash of the row'),
    touchpointKey: column.optional().describe('Touchpoint key; default: the touchpointKey setting'),
    customerRef: column.default('customerRef').describe('Customer identity, "email:…" or a bare value prefixed with customerRefKind'),
    linkedRefs: column.optional().describe('Other identities, separated by ";"'),
    occurredAt: column.default('occurredAt').describe('ISO-8601 timestamp, date, or epoch seconds/milliseconds'),
    kind: column.optional().describe('Event kind (VIEW, PURCHASE, SURVEY, …); default: the kind setting'),
    value: column.optional(),
    csat: column.optional(),
    nps: column.optional(),
    ces: column.optional(),
    sentiment: column.optional(),
    text: column.optional(),
  })
  .describe('Column (or JSON key) for each event field');

export const fileImportConfigSchema = z
  .object({
    format: z.enum(['csv', 'ndjson']).describe('File format'),
    path: z.string().min(1).optional().describe('Path of the file on the worker'),
    url: z.url().optional().describe('HTTP(S) URL of the file (resumed with Range requests)'),
    source: z.string().min(1).default('file-import').describe('Source name, prefix of generated external ids'),
    touchpointKey: z.string().min(1).optional().describe('Touchpoint of rows without a touchpoint column'),
    kind: z.enum(EVENT_KINDS).optional().describe('Event kind of rows without a kind column'),
    customerRefKind: z.string().regex(/^[a-z][a-z0-9_-]*$/).default('email').describe('Identity kind of bare customer values'),
    mapping: mappingSchema.prefault({}),
    extraColumns: z.enum(['attributes', 'ignore']).default('attributes').describe('Unmapped columns: keep as attributes, or drop'),
    delimiter: z.string().length(1).default(',').describe('CSV field delimiter'),
    pageSize: z.number().int().min(1).max(10_000).default(1000).describe('Rows per page'),
    maxRecordBytes: z.number().int().min(1024).default(1_048_576).describe('Longest accepted row, in bytes'),
  })
  .refine((config) => (config.path === undefined) !== (config.url === undefined), {
    message: 'set exactly one of "path" or "url"',
    path: ['path'],
  })
  .refine((config) => config.touchpointKey !== undefined || config.mapping.touchpointKey !== undefined, {
    message: 'set "touchpointKey" or map a touchpointKey column',
    path: ['touchpointKey'],
  })
  .refine((config) => config.kind !== undefined || config.mapping.kind !== undefined, {
    message: 'set "kind" or map a kind column',
    path: ['kind'],
  });

export type FileImportConfig = z.output<typeof fileImportConfigSchema>;
export type FieldMapping = FileImportConfig['mapping'];

/** Resume point: byte offset of the next record, and its row and line numbers for messages. */
export const fileCursorSchema = z.object({
  offset: z.number().int().min(0),
  row: z.number().int().min(0),
  line: z.number().int().min(1),
});
export type FileCursor = z.output<typeof fileCursorSchema>;
