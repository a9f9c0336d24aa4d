import { describe, expect, it } from 'vitest';
import { validateEvent } from './index.js';

const valid = {
  externalId: 'r-1',
  touchpointKey: 'front-desk',
  customerRef: 'email:ana@example.com',
  occurredAt: '2026-03-01T10:00:00Z',
  kind: 'SURVEY',
  nps: 9,
};

describe('validateEvent', () => {
  it('accepts a valid event and keeps only the fields it set', () => {
    expect(validateEvent(valid)).toEqual({ ok: true, event: valid });
  });

  it('explains each problem with its field', () => {
    const result = validateEvent({ ...valid, nps: 11, customerRef: 'ana', occurredAt: 'yesterday', kind: 'LIKE' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('customerRef: must look like "<kind>:<value>"');
    expect(result.reason).toContain('occurredAt:');
    expect(result.reason).toContain('kind:');
    expect(result.reason).toContain('nps: Too big');
  });

  it('rejects unknown fields so typos surface', () => {
    const result = validateEvent({ ...valid, occured_at: 'x' });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('occured_at') });
  });

  it('accepts offsets in timestamps and bounded scores', () => {
    expect(validateEvent({ ...valid, occurredAt: '2026-03-01T10:00:00+02:00', csat: 5, ces: 7, sentiment: -1 }).ok).toBe(true);
  });
});
