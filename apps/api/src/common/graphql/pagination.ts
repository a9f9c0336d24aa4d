import { Field, ObjectType } from '@nestjs/graphql';
import { z } from 'zod';
import { badInput } from '../errors/api-error.js';

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor: string | null;

  @Field(() => Boolean)
  hasNextPage: boolean;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

export const MAX_PAGE = 500;

export interface PageArgs {
  first: number;
  after: string | null;
}

const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

// first defaults to 50, at most MAX_PAGE; after is an opaque cursor from a previous pageInfo.endCursor.
export function pageArgs(first: number | null | undefined, after: string | null | undefined, cursorIs: 'uuid' | 'bigint'): PageArgs {
  const size = first ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}, got ${size}.`);
  if (after === null || after === undefined || after === '') return { first: size, after: null };
  const decoded = CURSOR.test(after) ? Buffer.from(after, 'base64url').toString('utf8') : '';
  const valid = cursorIs === 'uuid' ? z.uuid().safeParse(decoded).success : /^\d{1,19}$/.test(decoded);
  if (!valid) throw badInput('after is not a cursor this list returned; pass pageInfo.endCursor from the previous page.');
  return { first: size, after };
}

export function connection<T, R extends { id: string | bigint }>(rows: R[], first: number, map: (row: R) => T): Connection<T> {
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return {
    nodes: page.map(map),
    pageInfo: { endCursor: last ? Buffer.from(String(last.id)).toString('base64url') : null, hasNextPage: rows.length > first },
  };
}
