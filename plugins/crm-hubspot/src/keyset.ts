import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import type { Filter, SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { z } from 'zod';

/**
 * Position in the (last-modified, id) order. `lastId === null`: everything modified at or before
 * `lastModified` is imported. `lastId` set: inside the group of records modified exactly at
 * `lastModified`, those with an id up to `lastId` are imported.
 */
export const keysetCursorSchema = z.object({
  lastModified: z.number().int().nullable(),
  lastId: z.string().regex(/^\d+$/).nullable(),
});
export type KeysetCursor = z.output<typeof keysetCursorSchema>;

export const START: KeysetCursor = { lastModified: null, lastId: null };

export interface KeysetQuery {
  filters: Filter[];
  sortBy: string;
}

/**
 * The search for the page after `cursor`. HubSpot's search sorts by one property only, so ties on
 * the modification time are walked in a second mode sorted by `hs_object_id`; offsets (`after`)
 * are never used because records modified mid-sync would shift them.
 */
export function keysetQuery(cursor: KeysetCursor, modifiedProperty: string, settledBefore: number): KeysetQuery {
  const filter = (propertyName: string, operator: FilterOperatorEnum, value: string): Filter => ({ propertyName, operator, value });
  if (cursor.lastId !== null && cursor.lastModified !== null) {
    return {
      filters: [filter(modifiedProperty, FilterOperatorEnum.Eq, String(cursor.lastModified)), filter('hs_object_id', FilterOperatorEnum.Gt, cursor.lastId)],
      sortBy: 'hs_object_id',
    };
  }
  const filters = [filter(modifiedProperty, FilterOperatorEnum.Lt, String(settledBefore))];
  if (cursor.lastModified !== null) filters.push(filter(modifiedProperty, FilterOperatorEnum.Gt, String(cursor.lastModified)));
  return { filters, sortBy: modifiedProperty };
}

export interface KeysetStep {
  /** Records to emit, in (modified, id) order. */
  records: SimplePublicObject[];
  next: KeysetCursor;
  done: boolean;
}

/** What a search result means for the page: which records are complete and where to go next. */
export function keysetStep(cursor: KeysetCursor, results: readonly SimplePublicObject[], limit: number, modifiedProperty: string): KeysetStep {
  const modified = (record: SimplePublicObject) => modifiedAt(record, modifiedProperty);
  const sorted = [...results].sort((a, b) => modified(a) - modified(b) || compareIds(a.id, b.id));
  const last = sorted.at(-1);
  if (cursor.lastId !== null && cursor.lastModified !== null) {
    // Tie mode: a full page may have more ids at this instant; a short one ends the group.
    const full = results.length >= limit && last !== undefined;
    return { records: sorted, next: { lastModified: cursor.lastModified, lastId: full ? last.id : null }, done: false };
  }
  if (last === undefined) return { records: [], next: cursor, done: true };
  if (results.length < limit) return { records: sorted, next: { lastModified: modified(last), lastId: null }, done: true };
  // Full page: the last instant may continue past the page, so walk it by id from the start.
  const edge = modified(last);
  return { records: sorted.filter((record) => modified(record) < edge), next: { lastModified: edge, lastId: '0' }, done: false };
}

/** Epoch milliseconds of the record's last modification (property, else `updatedAt`). */
export function modifiedAt(record: SimplePublicObject, modifiedProperty: string): number {
  const value = Date.parse(record.properties[modifiedProperty] ?? '');
  return Number.isFinite(value) ? value : record.updatedAt.getTime();
}

export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
