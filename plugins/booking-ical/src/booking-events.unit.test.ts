import { describe, expect, it } from 'vitest';
import { bookingEvents, stateOf } from './booking-events.js';
import type { BookingState } from './booking-events.js';
import { icalConfigSchema } from './config.js';
import type { IcsBooking } from './ics-parser.js';

const config = icalConfigSchema.parse({ feedUrl: 'https://cm.example/feed.ics', touchpointKey: 'channel-manager' });
const base: IcsBooking = {
  uid: 'R1', sequence: 0, status: 'CONFIRMED', dtstamp: '2026-03-05T08:00:00.000Z',
  created: '2026-02-01T10:00:00.000Z', lastModified: '2026-02-01T10:00:00.000Z', amount: 300, guestEmail: 'g@example.com',
};

function summary(booking: IcsBooking, previous?: BookingState) {
  return bookingEvents(booking, previous, config).map((event) => [event.kind, event.externalId, event.value ?? null]);
}

// Revenue as the KPI defines it: BOOKING values minus CANCELLATION values.
function revenue(...steps: IcsBooking[]): number {
  let state: BookingState | undefined;
  let total = 0;
  for (const step of steps) {
    for (const event of bookingEvents(step, state, config)) {
      if (event.kind === 'BOOKING') total += event.value ?? 0;
      if (event.kind === 'CANCELLATION') total -= event.value ?? 0;
    }
    state = stateOf(step);
  }
  return total;
}

describe('bookingEvents', () => {
  it('emits a BOOKING <uid>:<seq> with the amount, the booking ref and the guest e-mail for a new reservation', () => {
    const [event] = bookingEvents(base, undefined, config);
    expect(event).toMatchObject({ kind: 'BOOKING', externalId: 'R1:0', value: 300, customerRef: 'booking:ical:R1', linkedRefs: ['email:g@example.com'], occurredAt: '2026-02-01T10:00:00.000Z', touchpointKey: 'channel-manager' });
  });

  it('emits nothing for an unchanged or stale reservation', () => {
    expect(summary(base, stateOf(base))).toEqual([]);
    expect(summary(base, [2, 300, 'B'])).toEqual([]);
  });

  it('withdraws the previous amount and books the new one when a modification changes the amount', () => {
    const modified = { ...base, sequence: 2, amount: 450, lastModified: '2026-03-03T12:00:00.000Z' };
    expect(summary(modified, stateOf(base))).toEqual([['CANCELLATION', 'R1:0:superseded', 300], ['BOOKING', 'R1:2', 450]]);
    expect(revenue(base, modified)).toBe(450);
  });

  it('records a modification that keeps the amount as an INTERACTION without value', () => {
    expect(summary({ ...base, sequence: 1 }, stateOf(base))).toEqual([['INTERACTION', 'R1:1:modified', null]]);
    expect(revenue(base, { ...base, sequence: 1 })).toBe(300);
  });

  it('cancels with the amount that was booked, even when the feed shows another one', () => {
    const cancelled = { ...base, sequence: 1, status: 'CANCELLED' as const, amount: 0 };
    expect(summary(cancelled, stateOf(base))).toEqual([['CANCELLATION', 'R1:1:cancelled', 300]]);
    expect(revenue(base, cancelled)).toBe(0);
  });

  it('reports a reservation first seen cancelled as a CANCELLATION without value (nothing was counted)', () => {
    expect(summary({ ...base, status: 'CANCELLED' })).toEqual([['CANCELLATION', 'R1:0:cancelled', null]]);
    expect(revenue({ ...base, status: 'CANCELLED' })).toBe(0);
  });

  it('treats a tentative option as an INQUIRY and books it once confirmed', () => {
    const option = { ...base, status: 'TENTATIVE' as const };
    expect(summary(option)).toEqual([['INQUIRY', 'R1:0:tentative', 300]]);
    const confirmed = { ...base, sequence: 1 };
    expect(summary(confirmed, stateOf(option))).toEqual([['BOOKING', 'R1:1', 300]]);
    expect(revenue(option, confirmed)).toBe(300);
  });

  it('books a reinstated reservation again after a cancellation', () => {
    const cancelled = { ...base, sequence: 1, status: 'CANCELLED' as const };
    const reinstated = { ...base, sequence: 2 };
    expect(summary(reinstated, stateOf(cancelled))).toEqual([['BOOKING', 'R1:2', 300]]);
    expect(revenue(base, cancelled, reinstated)).toBe(300);
  });
});
