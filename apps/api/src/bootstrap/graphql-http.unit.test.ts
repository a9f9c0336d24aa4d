import { describe, expect, it } from 'vitest';
import { isGraphqlPath } from './graphql-http.js';

describe('GraphQL path', () => {
  it('takes what Express mounted yoga on: /graphql, its sub-paths and a query string', () => {
    for (const url of ['/graphql', '/graphql?query={__typename}', '/graphql/', '/graphql/stream']) expect(isGraphqlPath(url)).toBe(true);
  });

  it('leaves every other path to Express', () => {
    for (const url of ['/', '/health', '/graphqlx', '/graphql-ws', '/webhooks/graphql', undefined]) expect(isGraphqlPath(url)).toBe(false);
  });
});
