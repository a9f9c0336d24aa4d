import { Prisma } from '@waymark/db';
import { describe, expect, it } from 'vitest';
import { toGraphQLError } from './to-graphql-error.js';

// The meta Prisma 7's pg adapter gives a unique violation (recorded from a real duplicate touchpoint key).
const DUPLICATE_KEY = {
  driverAdapterError: {
    name: 'DriverAdapterError',
    cause: { originalCode: '23505', kind: 'UniqueConstraintViolation', constraint: { index: 'touchpoints_workspace_id_key_key' }, table: 'touchpoints' },
  },
  modelName: 'Touchpoint',
};

const unique = (meta: Record<string, unknown>) => new Prisma.PrismaClientKnownRequestError('Unique constraint failed', { code: 'P2002', clientVersion: '7', meta });

describe('toGraphQLError: unique violations', () => {
  it('names the model and the column a person can change', () => {
    const error = toGraphQLError(unique(DUPLICATE_KEY), () => {});
    expect(error.message).toBe('A Touchpoint with the same key already exists in this workspace; choose another value.');
    expect(error.extensions['code']).toBe('BAD_USER_INPUT');
  });

  it('still answers BAD_USER_INPUT when the driver says nothing about the constraint', () => {
    expect(toGraphQLError(unique({}), () => {}).message).toBe('A record with the same unique value already exists in this workspace; choose another value.');
  });
});
