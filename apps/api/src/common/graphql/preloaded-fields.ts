import { isObjectType } from 'graphql';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';

// Object type → list fields that a parent may carry already loaded.
export type PreloadedFields = Record<string, readonly string[]>;

function loaded(parent: unknown, field: string): unknown[] | undefined {
  if (typeof parent !== 'object' || parent === null || !(field in parent)) return undefined;
  const value: unknown = Reflect.get(parent, field);
  return Array.isArray(value) ? value : undefined;
}

function preferLoaded(field: string, load: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (parent, args, context, info) => loaded(parent, field) ?? load(parent, args, context, info);
}

// A parent that arrives with the list loaded (journey(id) reads its whole tree in one statement)
// is answered from the property, like any plain field; Nest's per-field wrapper (execution context,
// param decorators) cost more than the field itself. A parent without it still goes through the
// Nest field resolver, which loads the list for the caller. The role and workspace checks stay on
// the root field that loaded the parent.
export function readPreloadedFields(schema: GraphQLSchema, fields: PreloadedFields): GraphQLSchema {
  for (const [typeName, names] of Object.entries(fields)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`preloaded fields: ${typeName} is not an object type of the schema`);
    for (const name of names) {
      const field = type.getFields()[name];
      if (!field?.resolve) throw new Error(`preloaded fields: ${typeName}.${name} has no resolver`);
      field.resolve = preferLoaded(name, field.resolve);
    }
  }
  return schema;
}
