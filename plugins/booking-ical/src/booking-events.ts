import type { EventKind, NormalizedEvent } from '@waymark/plugin-sdk';
import type { IcalConfig } from './config.js';
import type { IcsBooking } from './ics-parser.js';

/** What the cursor remembers per UID: [SEQUENCE, amount counted as revenue, B(ooked)/T(entative)/C(ancelled)]. */
export type BookingState = [sequence: number, amount: number | null, status: 'B' | 'T' | 'C'];

export function stateOf(booking: IcsBooking): BookingState {
  const status = booking.status === 'CANCELLED' ? 'C' : booking.status === 'TENTATIVE' ? 'T' : 'B';
  return [booking.sequence, booking.amount ?? null, status];
}

/**
 * Events for a booking given what was seen before. Revenue is never double counted: the revenue
 * KPI sums BOOKING values minus CANCELLATION values, so a change of amount withdraws the previous
 * amount (CANCELLATION `<uid>:<prevSeq>:superseded`) and books the new one (BOOKING `<uid>:<seq>`);
 * a cancellation withdraws exactly what was booked.
 */
export function bookingEvents(booking: IcsBooking, previous: BookingState | undefined, config: IcalConfig): NormalizedEvent[] {
  const [prevSeq, prevAmount, prevStatus] = previous ?? [-1, null, undefined];
  const [, , status] = stateOf(booking);
  if (status === prevStatus && booking.sequence <= prevSeq) return [];
  const wasBooked = prevStatus === 'B';
  const withdrawn = wasBooked && prevAmount !== null ? { value: prevAmount } : {};
  const event = (kind: EventKind, externalId: string, occurredAt: string, extra: Partial<NormalizedEvent> = {}): NormalizedEvent =>
    ({ ...baseEvent(booking, config, kind, externalId, occurredAt), ...extra });
  const changedAt = booking.lastModified ?? booking.dtstamp;
  const booked = booking.amount === undefined ? {} : { value: booking.amount };
  if (status === 'C') {
    if (prevStatus === 'C') return [];
    return [event('CANCELLATION', `${booking.uid}:${booking.sequence}:cancelled`, changedAt, { ...withdrawn, attributes: { ...attributesOf(booking), bookingImported: wasBooked } })];
  }
  const superseded = wasBooked
    ? [event('CANCELLATION', `${booking.uid}:${prevSeq}:superseded`, changedAt, { ...withdrawn, attributes: { ...attributesOf(booking), reason: 'modified', supersededBySequence: booking.sequence } })]
    : [];
  if (status === 'T') return [...superseded, event('INQUIRY', `${booking.uid}:${booking.sequence}:tentative`, changedAt, booked)];
  if (!wasBooked) return [event('BOOKING', `${booking.uid}:${booking.sequence}`, booking.created ?? changedAt, booked)];
  // Same amount: a modification that does not touch revenue (dates, room note, guest details).
  if ((booking.amount ?? null) === prevAmount) {
    return [event('INTERACTION', `${booking.uid}:${booking.sequence}:modified`, changedAt, { attributes: { ...attributesOf(booking), change: 'modified', previousSequence: prevSeq } })];
  }
  return [...superseded, event('BOOKING', `${booking.uid}:${booking.sequence}`, changedAt, { ...booked, attributes: { ...attributesOf(booking), modification: true, previousSequence: prevSeq } })];
}

function baseEvent(booking: IcsBooking, config: IcalConfig, kind: EventKind, externalId: string, occurredAt: string): NormalizedEvent {
  const event: NormalizedEvent = {
    externalId,
    touchpointKey: config.touchpointKey,
    customerRef: `booking:ical:${booking.uid}`,
    occurredAt,
    kind,
    attributes: attributesOf(booking),
  };
  if (booking.guestEmail !== undefined) event.linkedRefs = [`email:${booking.guestEmail}`];
  return event;
}

function attributesOf(booking: IcsBooking): Record<string, unknown> {
  const attributes: Record<string, unknown> = { uid: booking.uid, sequence: booking.sequence, status: booking.status };
  const optional = {
    checkIn: booking.checkIn,
    checkOut: booking.checkOut,
    currency: booking.currency,
    roomType: booking.roomType,
    channel: booking.channel,
    summary: booking.summary,
    amount: booking.amount,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) attributes[key] = value;
  return attributes;
}
