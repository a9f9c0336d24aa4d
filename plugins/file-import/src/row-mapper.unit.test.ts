import { describe, expect, it } from 'vitest';
import { fileImportConfigSchema } from './config.js';
import { mappedColumns, mapRow } from './row-mapper.js';

const config = fileImportConfigSchema.parse({ format: 'ndjson', path: '/x', touchpointKey: 'web', kind: 'VIEW', source: 'crm-export' });
const mapped = mappedColumns(config.mapping);
const raw = Buffer.from('raw');
const map = (values: Record<string, unknown>) => mapRow(values, config, mapped, raw);

describe('mapRow', () => {
  it('uses the field names as default columns and the configured defaults', () => {
    expect(map({ customerRef: 'Ana@Example.com', occurredAt: '2026-03-01T10:00:00+01:00' })).toMatchObject({
      ok: true,
      event: { touchpointKey: 'web', kind: 'VIEW', customerRef: 'email:ana@example.com', occurredAt: '2026-03-01T09:00:00.000Z' },
    });
  });

  it('generates a stable external id from the raw row when no id column is mapped', () => {
    const first = map({ customerRef: 'a@b.co', occurredAt: '2026-03-01' });
    const again = mapRow({ customerRef: 'a@b.co', occurredAt: '2026-03-01' }, config, mapped, Buffer.from('raw'));
    const other = mapRow({ customerRef: 'a@b.co', occurredAt: '2026-03-01' }, config, mapped, Buffer.from('other'));
    expect(first.ok && first.event.externalId).toMatch(/^crm-export:[0-9a-f]{32}$/);
    expect(first.ok && again.ok && first.event.externalId === again.event.externalId).toBe(true);
    expect(first.ok && other.ok && first.event.externalId !== other.event.externalId).toBe(true);
  });

  it('reads epoch seconds and milliseconds, and times without offset as UTC', () => {
    const at = (occurredAt: string) => {
      const result = map({ customerRef: 'a@b.co', occurredAt });
      return result.ok ? result.event.occurredAt : result.reason;
    };
    expect(at('1772445600')).toBe('2026-03-02T10:00:00.000Z');
    expect(at('1772445600000')).toBe('2026-03-02T10:00:00.000Z');
    expect(at('2026-03-02 10:00')).toBe('2026-03-02T10:00:00.000Z');
    expect(at('02/03/2026')).toBe('occurredAt: "02/03/2026" is not an ISO-8601 date/time or epoch number');
  });

  it('keeps prefixed identities, splits linked refs and keeps unmapped fields as attributes', () => {
    const result = map({ customerRef: 'crm:acme:42', linkedRefs: undefined, occurredAt: '2026-03-01', channel: 'app', empty: '' });
    expect(result).toMatchObject({ ok: true, event: { customerRef: 'crm:acme:42', attributes: { channel: 'app' } } });
  });

  it('names every faulty field at once', () => {
    const withScores = fileImportConfigSchema.parse({ ...config, mapping: { nps: 'score', csat: 'stars' } });
    const result = mapRow({ customerRef: '', occurredAt: 'soon', score: '7.5', stars: 'x' }, withScores, mappedColumns(withScores.mapping), raw);
    expect(result).toMatchObject({
      ok: false,
      reason: 'customerRef: column "customerRef" is empty; occurredAt: "soon" is not an ISO-8601 date/time or epoch number; csat: "x" is not a number; nps: "7.5" is not a whole number',
    });
  });
});
