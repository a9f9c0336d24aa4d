import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventInputSchema, validateEvent } from './event-input.js';
import { acceptPlainEvent } from './plain-event.js';

// Values each field may take, mostly valid so that many events reach the fast path: boundaries,
// padding the schema trims, wrong types and out-of-range values mixed in.
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: other, weight: 1 });
const text = (max: number) =>
  mostly(fc.constantFrom('ok', 'a:b', 'x'.repeat(max), 'email:a@b.c'), fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('', ' a', 'a ', '\t', 'x'.repeat(max + 1)), fc.integer(), fc.constant(null)));
const optional = (valid: fc.Arbitrary<unknown>, other: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: fc.constantFrom(null, undefined), weight: 3 }, { arbitrary: valid, weight: 6 }, { arbitrary: other, weight: 1 });
const number = (valid: fc.Arbitrary<number>) => optional(valid, fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double(), fc.constantFrom(NaN, Infinity, -0, 0.5, 1.5, -1, 11), fc.string({ maxLength: 2 })));
const occurredAt = mostly(
  fc.oneof(fc.constantFrom('2026-03-01T10:00:00Z', '2026-03-01T10:00:00+02:00', '2026-03-01T10:00:00.123Z'), fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01') })),
  fc.oneof(fc.constantFrom('2026-03-01', '2026-13-01T10:00:00Z', 'yesterday', ' 2026-03-01T10:00:00Z', '2026-03-01T99:00:00Z'), fc.date({ noInvalidDate: false }), fc.integer()),
);
const event = fc.record(
  {
    source: text(200),
    externalId: text(512),
    touchpointKey: text(200),
    customerRef: text(512),
    linkedRefs: optional(fc.array(text(512), { maxLength: 3 }), fc.oneof(fc.array(fc.constant('crm:x:1'), { minLength: 50, maxLength: 51 }), fc.string())),
    occurredAt,
    kind: mostly(fc.constantFrom('VIEW', 'PURCHASE', 'SURVEY'), fc.constantFrom('view', 'TELEPATHY', 3)),
    value: number(fc.double({ noNaN: true, noDefaultInfinity: true })),
    csat: number(fc.integer({ min: 1, max: 5 })),
    nps: number(fc.integer({ min: 0, max: 10 })),
    ces: number(fc.integer({ min: 1, max: 7 })),
    sentiment: number(fc.double({ min: -1, max: 1, noNaN: true })),
    text: optional(fc.string({ maxLength: 4 }), fc.oneof(fc.constant('x'.repeat(20_001)), fc.integer())),
    attributes: fc.oneof({ arbitrary: fc.constantFrom(null, undefined), weight: 8 }, { arbitrary: fc.oneof(fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue()), fc.array(fc.integer())), weight: 1 }),
    extra: fc.option(fc.string(), { nil: undefined }),
  },
  { requiredKeys: ['source', 'externalId', 'touchpointKey', 'customerRef', 'occurredAt', 'kind'] },
);

describe('acceptPlainEvent', () => {
  it('only accepts what the schema accepts, and returns what the schema returns', () => {
    let fast = 0;
    fc.assert(
      fc.property(event, (input) => {
        const plain = acceptPlainEvent(input);
        if (plain === null) return;
        fast += 1;
        const parsed = eventInputSchema.safeParse(input);
        expect(parsed.success).toBe(true);
        expect(plain).toEqual(parsed.data);
      }),
      { numRuns: 20_000 },
    );
    // The comparison is only worth something if generated events do take the fast path.
    expect(fast).toBeGreaterThan(1000);
  });

  it('takes the fast path for the everyday event, with or without optional fields', () => {
    const base = { source: 's', externalId: 'e1', touchpointKey: 'web', customerRef: 'email:a@b.c', occurredAt: '2026-03-01T10:00:00Z', kind: 'SURVEY' };
    expect(acceptPlainEvent(base)).toEqual({ ...base, occurredAt: new Date('2026-03-01T10:00:00Z') });
    expect(acceptPlainEvent({ ...base, nps: 9, csat: null, value: 12.5, linkedRefs: ['crm:x:1'], text: 'fine' })).not.toBeNull();
    expect(acceptPlainEvent({ ...base, attributes: { room: 1 } })).toBeNull();
    expect(validateEvent({ ...base, attributes: { room: 1 } })).toMatchObject({ ok: true, event: { attributes: { room: 1 } } });
  });
});
