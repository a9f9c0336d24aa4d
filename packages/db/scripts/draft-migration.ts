// Drafts CREATE migration SQL for the named models in Prisma's layout (the schema engine, which
// `prisma migrate dev` needs, cannot run on machines without Prisma's binaries).
//   pnpm exec tsx scripts/draft-migration.ts Workspace User ... > prisma/migrations/<ts>_<name>/migration.sql
import { readFileSync } from 'node:fs';
import { renderCreateMigration } from '../src/schema/migration-sql.js';
import { parsePrismaSchema } from '../src/schema/prisma-schema.js';

const schema = parsePrismaSchema(readFileSync(new URL('../prisma/schema.prisma', import.meta.url), 'utf8'));
const names = process.argv.slice(2);
process.stdout.write(renderCreateMigration(schema, names.length > 0 ? names : schema.models.map((m) => m.name)));
