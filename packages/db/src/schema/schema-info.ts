import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePrismaSchema } from './prisma-schema.js';
import type { PrismaSchema } from './prisma-schema.js';

// prisma/schema.prisma sits two levels above both src/schema and dist/schema.
export const SCHEMA_PATH = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));

let cached: PrismaSchema | undefined;

export function loadSchema(): PrismaSchema {
  cached ??= parsePrismaSchema(readFileSync(SCHEMA_PATH, 'utf8'));
  return cached;
}

// model → relation field → target model, for walking nested writes.
export function relationTargets(): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const model of loadSchema().models) {
    out.set(model.name, new Map(model.fields.filter((f) => f.isRelation).map((f) => [f.name, f.type])));
  }
  return out;
}
