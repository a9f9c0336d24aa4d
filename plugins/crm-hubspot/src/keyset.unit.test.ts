import { SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { describe, expect, it } from 'vitest';
import { keysetQuery, keysetStep, START } from './keyset.js';

const PROP = 'hs_lastmodifieddate';

function record(id: string, modified: string): SimplePublicObject {
  return Object.assign(new SimplePublicObject(), { id, properties: { [PROP]: modified }, createdAt: new Date(modified), updatedAt: new Date(modified) });
}

const t = (iso: string) => Date.parse(iso);

describe('keysetQuery', () => {
  it('starts with every settled record, sorted by last modification', () => {
    expect(keysetQuery(START, PROP, 1000)).toEqual({ filters: [{ propertyName: PROP, operator: 'LT', value: '1000' }], sortBy: PROP });
  });

  it('continues after the last instant in range mode', () => {
    expect(keysetQuery({ lastModified: 500, lastId: null }, PROP, 1000).filters).toEqual([
      { propertyName: PROP, operator: 'LT', value: '1000' },
      { propertyName: PROP, operator: 'GT', value: '500' },
    ]);
  });

  it('walks one instant by id in tie mode', () => {
    expect(keysetQuery({ lastModified: 500, lastId: '42' }, PROP, 1000)).toEqual({
      filters: [{ propertyName: PROP, operator: 'EQ', value: '500' }, { propertyName: 'hs_object_id', operator: 'GT', value: '42' }],
      sortBy: 'hs_object_id',
    });
  });
});

describe('keysetStep', () => {
  it('ends on a short page and remembers its last instant', () => {
    const step = keysetStep(START, [record('7', '2026-01-02T00:00:00Z'), record('3', '2026-01-01T00:00:00Z')], 3, PROP);
    expect(step.records.map((r) => r.id)).toEqual(['3', '7']);
    expect(step).toMatchObject({ next: { lastModified: t('2026-01-02T00:00:00Z'), lastId: null }, done: true });
  });

  it('holds back the last instant of a full page and walks it by id next', () => {
    const results = [record('1', '2026-01-01T00:00:00Z'), record('9', '2026-01-02T00:00:00Z'), record('4', '2026-01-02T00:00:00Z')];
    const step = keysetStep(START, results, 3, PROP);
    expect(step.records.map((r) => r.id)).toEqual(['1']);
    expect(step).toMatchObject({ next: { lastModified: t('2026-01-02T00:00:00Z'), lastId: '0' }, done: false });
  });

  it('stays in tie mode while pages are full, then returns to range mode', () => {
    const at = t('2026-01-02T00:00:00Z');
    const full = keysetStep({ lastModified: at, lastId: '0' }, [record('4', '2026-01-02T00:00:00Z'), record('9', '2026-01-02T00:00:00Z')], 2, PROP);
    expect(full).toMatchObject({ next: { lastModified: at, lastId: '9' }, done: false });
    const short = keysetStep({ lastModified: at, lastId: '9' }, [record('12', '2026-01-02T00:00:00Z')], 2, PROP);
    expect(short).toMatchObject({ next: { lastModified: at, lastId: null }, done: false });
  });

  it('is done with an empty result and keeps the cursor', () => {
    expect(keysetStep({ lastModified: 5, lastId: null }, [], 3, PROP)).toEqual({ records: [], next: { lastModified: 5, lastId: null }, done: true });
  });

  it('orders ids numerically, not as text', () => {
    const step = keysetStep(START, [record('100', '2026-01-01T00:00:00Z'), record('20', '2026-01-01T00:00:00Z')], 5, PROP);
    expect(step.records.map((r) => r.id)).toEqual(['20', '100']);
  });
});
