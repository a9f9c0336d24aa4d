import type { PrismaSchema, SchemaModel } from './prisma-schema.js';

// Renders CREATE statements for the given models in the layout `prisma migrate dev` writes,
// so hand-drafted migrations read (and are named) exactly like generated ones.

const q = (name: string): string => `"${name}"`;
const cols = (names: string[]): string => names.map(q).join(', ');

function createTable(model: SchemaModel): string {
  const lines = model.fields
    .filter((f) => !f.isRelation)
    .map((f) => {
      const notNull = f.optional || f.list ? '' : ' NOT NULL';
      const def = f.default === null ? '' : ` DEFAULT ${f.default}`;
      return `    ${q(f.column)} ${f.sqlType}${notNull}${def},`;
    });
  const pk = `    CONSTRAINT ${q(model.primaryKey.name)} PRIMARY KEY (${model.primaryKey.columns.map(q).join(',')})`;
  return `-- CreateTable\nCREATE TABLE ${q(model.table)} (\n${lines.join('\n')}\n\n${pk}\n);\n`;
}

export function renderCreateMigration(schema: PrismaSchema, modelNames: readonly string[]): string {
  const models = schema.models.filter((m) => modelNames.includes(m.name));
  const usedEnums = new Set(models.flatMap((m) => m.fields.filter((f) => f.isEnum).map((f) => f.type)));
  const parts: string[] = [];
  for (const [name, values] of schema.enums) {
    if (!usedEnums.has(name)) continue;
    parts.push(`-- CreateEnum\nCREATE TYPE ${q(name)} AS ENUM (${values.map((v) => `'${v}'`).join(', ')});\n`);
  }
  for (const model of models) parts.push(createTable(model));
  for (const model of models) {
    for (const index of model.indexes) {
      const kind = index.unique ? 'UNIQUE INDEX' : 'INDEX';
      parts.push(`-- CreateIndex\nCREATE ${kind} ${q(index.name)} ON ${q(model.table)}(${cols(index.columns)});\n`);
    }
  }
  for (const model of models) {
    for (const fk of model.foreignKeys) {
      parts.push(
        `-- AddForeignKey\nALTER TABLE ${q(model.table)} ADD CONSTRAINT ${q(fk.name)} FOREIGN KEY (${cols(fk.columns)}) ` +
          `REFERENCES ${q(fk.table)}(${cols(fk.references)}) ON DELETE ${fk.onDelete} ON UPDATE CASCADE;\n`,
      );
    }
  }
  return parts.join('\n');
}
