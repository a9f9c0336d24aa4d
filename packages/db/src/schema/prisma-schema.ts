// A small reader for the subset of the Prisma schema language this project uses. It gives the
// migration drafting script and the schema ↔ database agreement test one view of the schema,
// with SQL names and column types resolved the way Prisma's PostgreSQL connector resolves them.

export interface SchemaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  isEnum: boolean;
  isRelation: boolean;
  sqlType: string;
  default: string | null;
  attributes: string;
}

export interface SchemaIndex {
  name: string;
  columns: string[];
  unique: boolean;
}

export interface SchemaForeignKey {
  name: string;
  columns: string[];
  table: string;
  references: string[];
  onDelete: string;
}

export interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
  primaryKey: { name: string; columns: string[] };
  indexes: SchemaIndex[];
  foreignKeys: SchemaForeignKey[];
}

export interface PrismaSchema {
  enums: Map<string, string[]>;
  models: SchemaModel[];
}

const SCALARS: Record<string, string> = {
  String: 'TEXT',
  Int: 'INTEGER',
  BigInt: 'BIGINT',
  Float: 'DOUBLE PRECISION',
  Boolean: 'BOOLEAN',
  DateTime: 'TIMESTAMP(3)',
  Json: 'JSONB',
  Decimal: 'DECIMAL(65,30)',
};

const NATIVE: Record<string, string> = {
  Uuid: 'UUID',
  SmallInt: 'SMALLINT',
  Date: 'DATE',
  Text: 'TEXT',
  Timestamptz: 'TIMESTAMPTZ',
  Timestamp: 'TIMESTAMP',
};

const REFERENTIAL: Record<string, string> = {
  Cascade: 'CASCADE',
  SetNull: 'SET NULL',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetDefault: 'SET DEFAULT',
};

function stripComments(source: string): string {
  return source
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''))
    .join('\n');
}

function blocks(source: string, keyword: string): Array<{ name: string; body: string }> {
  const out: Array<{ name: string; body: string }> = [];
  const re = new RegExp(`^${keyword}\\s+(\\w+)\\s*\\{([\\s\\S]*?)^\\}`, 'gm');
  for (const match of source.matchAll(re)) out.push({ name: match[1] ?? '', body: match[2] ?? '' });
  return out;
}

function listArg(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function attrArg(attributes: string, attr: string): string | null {
  const at = attributes.indexOf(attr + '(');
  if (at < 0) return null;
  let depth = 0;
  const start = at + attr.length + 1;
  for (let i = start - 1; i < attributes.length; i += 1) {
    const ch = attributes[i];
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (depth === 0) return attributes.slice(start, i);
  }
  return null;
}

function sqlTypeOf(type: string, list: boolean, attributes: string, isEnum: boolean): string {
  const native = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(attributes);
  let base = isEnum ? `"${type}"` : (SCALARS[type] ?? type);
  if (native?.[1]) base = `${NATIVE[native[1]] ?? native[1].toUpperCase()}${native[2] ? `(${native[2]})` : ''}`;
  if (type === 'BigInt' && attributes.includes('@default(autoincrement())')) base = 'BIGSERIAL';
  if (type === 'Int' && attributes.includes('@default(autoincrement())')) base = 'SERIAL';
  return list ? `${base}[]` : base;
}

function defaultOf(type: string, isEnum: boolean, attributes: string): string | null {
  const raw = attrArg(attributes, '@default');
  if (raw === null || raw === 'uuid()' || raw === 'cuid()' || raw === 'autoincrement()') return null;
  if (raw === 'now()') return 'CURRENT_TIMESTAMP';
  if (raw.startsWith('"')) return `'${raw.slice(1, -1).replace(/'/g, "''")}'`;
  if (isEnum) return `'${raw}'`;
  if (type === 'Json') return `'${raw}'`;
  return raw;
}

function parseField(line: string, enums: Map<string, string[]>): SchemaField | null {
  const match = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line.trim());
  if (!match) return null;
  const [, name = '', type = '', listMark, optMark, attributes = ''] = match;
  const isEnum = enums.has(type);
  const isRelation = !isEnum && !(type in SCALARS);
  const mapped = /@map\("([^"]+)"\)/.exec(attributes);
  return {
    name,
    column: mapped?.[1] ?? name,
    type,
    optional: optMark === '?',
    list: listMark === '[]',
    isEnum,
    isRelation,
    sqlType: isRelation ? '' : sqlTypeOf(type, listMark === '[]', attributes, isEnum),
    default: isRelation ? null : defaultOf(type, isEnum, attributes),
    attributes,
  };
}

function columnsOf(fields: SchemaField[], names: string[]): string[] {
  return names.map((name) => fields.find((f) => f.name === name)?.column ?? name);
}

function parseModel(name: string, body: string, enums: Map<string, string[]>, tables: Map<string, string>): SchemaModel {
  const lines = body.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const fields = lines.filter((l) => !l.startsWith('@@')).map((l) => parseField(l, enums)).filter((f): f is SchemaField => f !== null);
  const table = tables.get(name) ?? name;
  const scalar = fields.filter((f) => !f.isRelation);
  const idField = scalar.find((f) => /@id\b/.test(f.attributes));
  const compositeId = lines.find((l) => l.startsWith('@@id('));
  const pkColumns = idField ? [idField.column] : columnsOf(fields, listArg(/\[([^\]]*)\]/.exec(compositeId ?? '')?.[1] ?? ''));
  const indexes: SchemaIndex[] = [];
  for (const f of scalar.filter((s) => /@unique\b/.test(s.attributes))) {
    indexes.push({ name: `${table}_${f.column}_key`, columns: [f.column], unique: true });
  }
  for (const l of lines.filter((x) => x.startsWith('@@unique(') || x.startsWith('@@index('))) {
    const unique = l.startsWith('@@unique(');
    const cols = columnsOf(fields, listArg(/\[([^\]]*)\]/.exec(l)?.[1] ?? ''));
    indexes.push({ name: `${table}_${cols.join('_')}_${unique ? 'key' : 'idx'}`, columns: cols, unique });
  }
  const foreignKeys: SchemaForeignKey[] = [];
  for (const f of fields.filter((x) => x.isRelation && attrArg(x.attributes, '@relation')?.includes('fields:'))) {
    const rel = attrArg(f.attributes, '@relation') ?? '';
    const cols = columnsOf(fields, listArg(/fields:\s*\[([^\]]*)\]/.exec(rel)?.[1] ?? ''));
    const onDelete = /onDelete:\s*(\w+)/.exec(rel)?.[1];
    const required = cols.every((c) => !scalar.find((s) => s.column === c)?.optional);
    foreignKeys.push({
      name: `${table}_${cols.join('_')}_fkey`,
      columns: cols,
      table: tables.get(f.type) ?? f.type,
      references: listArg(/references:\s*\[([^\]]*)\]/.exec(rel)?.[1] ?? ''),
      onDelete: onDelete ? (REFERENTIAL[onDelete] ?? onDelete) : required ? 'RESTRICT' : 'SET NULL',
    });
  }
  return { name, table, fields, primaryKey: { name: `${table}_pkey`, columns: pkColumns }, indexes, foreignKeys };
}

// Reads schema.prisma text; foreign key reference columns are resolved to SQL names afterwards.
export function parsePrismaSchema(text: string): PrismaSchema {
  const source = stripComments(text);
  const enums = new Map<string, string[]>();
  for (const block of blocks(source, 'enum')) enums.set(block.name, block.body.split(/\s+/).filter((v) => v.length > 0));
  const tables = new Map<string, string>();
  const rawModels = blocks(source, 'model');
  for (const m of rawModels) tables.set(m.name, /@@map\("([^"]+)"\)/.exec(m.body)?.[1] ?? m.name);
  const models = rawModels.map((m) => parseModel(m.name, m.body, enums, tables));
  for (const model of models) {
    for (const fk of model.foreignKeys) {
      const target = models.find((m) => m.table === fk.table);
      if (target) fk.references = columnsOf(target.fields, fk.references);
    }
  }
  return { enums, models };
}
