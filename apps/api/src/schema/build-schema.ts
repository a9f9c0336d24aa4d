import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { RESOLVERS } from '../domain.module.js';

// The schema from the resolver classes alone (no database), printed the way the server sorts it.
export async function buildSchema(): Promise<GraphQLSchema> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    const factory = app.get(GraphQLSchemaFactory);
    return lexicographicSortSchema(await factory.create(RESOLVERS, [], { dateScalarMode: 'isoDate' }));
  } finally {
    await app.close();
  }
}

export function printSdl(schema: GraphQLSchema): string {
  return `# Generated from the resolvers by \`pnpm --filter @waymark/api build\`; do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
