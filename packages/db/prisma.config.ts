import { defineConfig } from 'prisma/config';

// Migrations are plain SQL in Prisma's folder format, applied by src/migrate at start.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/waymark' },
});
