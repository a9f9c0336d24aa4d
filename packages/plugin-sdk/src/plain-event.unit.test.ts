import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizedEventSchema } from './event-schema.js';
import { acceptPlainEvent } from './plain-event.js';

// Mostly valid values, so that many generated events reach the fast path, with boundaries, wrong
// types, out-of-range values and malformed dates mixed in.
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: other, weight: 1 });
const text = (max: number) => mostly(fc.constantFrom('ok', 'x'.repeat(max), ' padded '), fc.oneof(fc.constantFrom('', 'x'.repeat(max + 1)), fc.integer(), fc.constant(null)));
const ref = mostly(fc.constantFrom('email:a@b.c', 'crm:hubspot:1', 'x_y-z:  v'), fc.constantFrom('ana', 'Email:a', 'crm: x', 'crm:x\ny', `crm:${'x'.repeat(509)}`, 3));
const optional = (valid: fc.Arbitrary<unknown>, other: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: valid, weight: 6 }, { arbitrary: other, weight: 1 });
const number = (valid: fc.Arbitrary<number>) => optional(valid, fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double(), fc.constantFrom(NaN, Infinity, 0.5, null), fc.string({ maxLength: 2 })));
const isoDate = fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
const occurredAt = mostly(
  fc.oneof(isoDate, fc.constantFrom('2026-03-01T10:00:00Z', '2026-03-01T10:00:00+02:00', '2024-02-29T23:59:59.5-11:30')),
  fc.oneof(
    fc.constantFrom('2026-03-01', '2026-02-29T10:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T10:00Z', '2026-03-01T10:00:00', '2026-03-01T10:00:00+24:00', '1900-02-29T00:00:00Z'),
    fc.date({ noInvalidDate: false }),
    isoDate.map((s) => s.replace('T', ' ')),
  ),
);
const event = fc.record(
  {
    externalId: text(512),
    touchpointKey: text(200),
    customerRef: ref,
    linkedRefs: optional(fc.array(ref, { maxLength: 3 }), fc.oneof(fc.array(fc.constant('crm:x:1'), { minLength: 50, maxLength: 51 }), fc.string())),
    occurredAt,
    kind: mostly(fc.constantFrom('VIEW', 'PURCHASE', 'SURVEY'), fc.constantFrom('view', 'TELEPATHY', 3)),
    value: number(fc.double({ noNaN: true, noDefaultInfinity: true })),
    csat: number(fc.integer({ min: 1, max: 5 })),
    nps: number(fc.integer({ min: 0, max: 10 })),
    ces: number(fc.integer({ min: 1, max: 7 })),
    sentiment: number(fc.double({ min: -1, max: 1, noNaN: true })),
    text: optional(fc.string({ maxLength: 4 }), fc.oneof(fc.constant('x'.repeat(20_001)), fc.integer(), fc.constant(null))),
    attributes: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue()), weight: 1 }),
  },
  { requiredKeys: ['externalId', 'touchpointKey', 'customerRef', 'occurredAt', 'kind'] },
);

describe('acceptPlainEvent', () => {
  it('only accepts what the schema accepts, and returns what the schema returns', () => {
    let fast = 0;
    fc.assert(
      fc.property(event, (input) => {
        const plain = acceptPlainEvent(input);
        if (plain === null) return;
        fast += 1;
        const parsed = normalizedEventSchema.safeParse(input);
        expect(parsed.success).toBe(true);
        expect(plain).toEqual(parsed.data);
      }),
      { numRuns: 20_000 },
    );
    // The comparison is only worth something if generated events do take the fast path.
    expect(fast).toBeGreaterThan(1000);
  });

  it('leaves attributes and unknown fields to the schema', () => {
    const base = { externalId: 'e', touchpointKey: 't', customerRef: 'crm:x:1', occurredAt: '2026-03-01T10:00:00Z', kind: 'VIEW' };
    expect(acceptPlainEvent(base)).toEqual(base);
    expect(acceptPlainEvent({ ...base, attributes: { a: 1 } })).toBeNull();
    expect(acceptPlainEvent({ ...base, occured_at: 'x' })).toBeNull();
  });
});
