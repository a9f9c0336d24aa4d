import { buildSchema, graphql, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readPreloadedFields } from './preloaded-fields.js';

function schemaWith(loads: string[]) {
  const schema = buildSchema('type Item { id: ID! } type Box { id: ID! items: [Item!]! } type Query { boxes: [Box!]! }');
  const query = schema.getQueryType();
  const box = schema.getType('Box');
  const boxes = query?.getFields()['boxes'];
  const items = isObjectType(box) ? box.getFields()['items'] : undefined;
  if (!boxes || !items) throw new Error('test schema');
  boxes.resolve = () => [{ id: 'loaded', items: [{ id: 'a' }] }, { id: 'lazy' }];
  items.resolve = (parent: { id: string }) => {
    loads.push(parent.id);
    return [{ id: `${parent.id}-1` }];
  };
  return schema;
}

describe('preloaded fields', () => {
  it('answers a loaded list from the parent and calls the resolver only for a parent without it', async () => {
    const loads: string[] = [];
    const schema = readPreloadedFields(schemaWith(loads), { Box: ['items'] });
    const result = await graphql({ schema, source: '{ boxes { id items { id } } }' });
    expect(result).toEqual({ data: { boxes: [{ id: 'loaded', items: [{ id: 'a' }] }, { id: 'lazy', items: [{ id: 'lazy-1' }] }] } });
    expect(loads).toEqual(['lazy']);
  });

  it('refuses a field the schema does not resolve', () => {
    expect(() => readPreloadedFields(schemaWith([]), { Box: ['id'] })).toThrow(/Box.id has no resolver/);
    expect(() => readPreloadedFields(schemaWith([]), { Crate: ['items'] })).toThrow(/Crate is not an object type/);
  });
});
