import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import type { SchemaModel } from './prisma-schema.js';
import { loadSchema } from './schema-info.js';
import { createOneOfEachModel } from './test-support/one-of-each.js';

// The migrated database must be exactly what the Prisma schema describes: this is what
// `prisma migrate diff` would check on a machine that has Prisma's schema engine.

const TYPE_NAMES: Record<string, string> = {
  UUID: 'uuid',
  TEXT: 'text',
  INTEGER: 'integer',
  SERIAL: 'integer',
  BIGINT: 'bigint',
  BIGSERIAL: 'bigint',
  SMALLINT: 'smallint',
  'DOUBLE PRECISION': 'double precision',
  BOOLEAN: 'boolean',
  JSONB: 'jsonb',
  DATE: 'date',
  'TIMESTAMPTZ(3)': 'timestamp(3) with time zone',
  'TIMESTAMP(3)': 'timestamp(3) without time zone',
};

function pgTypeName(sqlType: string): string {
  const list = sqlType.endsWith('[]');
  const base = list ? sqlType.slice(0, -2) : sqlType;
  return `${TYPE_NAMES[base] ?? base}${list ? '[]' : ''}`;
}

function expectedColumns(model: SchemaModel): string[] {
  return model.fields
    .filter((f) => !f.isRelation)
    .map((f) => `${f.column} ${pgTypeName(f.sqlType)}${f.optional || f.list ? '' : ' not null'}${f.default === null && !f.sqlType.includes('SERIAL') ? '' : ' default'}`)
    .sort();
}

const DELETE_RULES: Record<string, string> = { c: 'CASCADE', n: 'SET NULL', r: 'RESTRICT', a: 'NO ACTION', d: 'SET DEFAULT' };

describe.each(DB_KINDS)('schema ↔ database agreement on %s', (kind) => {
  let t: TestDatabase;
  const schema = loadSchema();

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('has exactly the tables of the schema (plus _prisma_migrations)', async () => {
    const rows = await t.db.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(rows.map((r) => r.name)).toEqual(['_prisma_migrations', ...schema.models.map((m) => m.table)].sort());
  });

  it('has every column with its type, nullability and default', async () => {
    const rows = await t.db.query<{ table: string; column: string; type: string; notnull: boolean; hasdefault: boolean }>(`
      SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull, a.atthasdef AS hasdefault
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`);
    for (const model of schema.models) {
      const actual = rows
        .filter((r) => r.table === model.table)
        .map((r) => `${r.column} ${r.type}${r.notnull ? ' not null' : ''}${r.hasdefault ? ' default' : ''}`)
        .sort();
      expect(actual, model.name).toEqual(expectedColumns(model));
    }
  });

  it('has the enums of the schema with their values in order', async () => {
    const rows = await t.db.query<{ name: string; labels: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`);
    expect(Object.fromEntries(rows.map((r) => [r.name, r.labels]))).toEqual(Object.fromEntries(schema.enums));
  });

  it('has the primary keys, unique and plain indexes under Prisma names', async () => {
    const rows = await t.db.query<{ name: string; table: string; unique: boolean; columns: string[] }>(`
      SELECT ic.relname AS name, tc.relname AS table, ix.indisunique AS unique,
        array(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = tc.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
      FROM pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid JOIN pg_class tc ON tc.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = tc.relnamespace WHERE n.nspname = 'public' AND tc.relname <> '_prisma_migrations'`);
    const expected = schema.models.flatMap((m) => [
      { name: m.primaryKey.name, table: m.table, unique: true, columns: m.primaryKey.columns },
      ...m.indexes.map((i) => ({ name: i.name, table: m.table, unique: i.unique, columns: i.columns })),
    ]);
    const byName = (x: { name: string }, y: { name: string }): number => x.name.localeCompare(y.name);
    expect([...rows].sort(byName)).toEqual(expected.sort(byName));
  });

  it('has the foreign keys with their delete rules', async () => {
    const rows = await t.db.query<{ name: string; table: string; target: string; rule: string; columns: string[] }>(`
      SELECT c.conname AS name, t.relname AS table, r.relname AS target, c.confdeltype::text AS rule,
        array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid WHERE c.contype = 'f'`);
    const actual = rows.map((r) => ({ name: r.name, table: r.table, target: r.target, rule: DELETE_RULES[r.rule] ?? r.rule, columns: r.columns }));
    const expected = schema.models.flatMap((m) =>
      m.foreignKeys.map((fk) => ({ name: fk.name, table: m.table, target: fk.table, rule: fk.onDelete, columns: fk.columns })),
    );
    const byName = (x: { name: string }, y: { name: string }): number => x.name.localeCompare(y.name);
    expect(actual.sort(byName)).toEqual(expected.sort(byName));
  });

  it('lets Prisma create and read back a row of every model', async () => {
    const created = await createOneOfEachModel(t.db.prisma);
    expect(Object.keys(created).sort()).toEqual(schema.models.map((m) => m.name).sort());
    for (const model of schema.models) {
      const rows = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${model.table}"`);
      expect(rows[0]?.n, model.name).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps every model except Workspace inside a workspace', () => {
    for (const model of schema.models.filter((m) => m.name !== 'Workspace')) {
      expect(model.fields.some((f) => f.name === 'workspaceId' && !f.optional), model.name).toBe(true);
    }
  });
});
