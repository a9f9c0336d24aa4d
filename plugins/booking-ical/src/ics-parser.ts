import ICAL from 'ical.js';
import type { RejectedRecord } from '@waymark/plugin-sdk';
import type { IcalConfig } from './config.js';

export type BookingStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

/** One reservation (a VEVENT) of the feed. */
export interface IcsBooking {
  uid: string;
  sequence: number;
  status: BookingStatus;
  dtstamp: string;
  created?: string;
  lastModified?: string;
  checkIn?: string;
  checkOut?: string;
  amount?: number;
  currency?: string;
  roomType?: string;
  channel?: string;
  guestEmail?: string;
  summary?: string;
}

export interface ParsedFeed {
  bookings: IcsBooking[];
  rejected: RejectedRecord[];
}

type Vevent = InstanceType<typeof ICAL.Component>;

/** Parses an RFC 5545 document with ical.js; one booking per UID (the highest SEQUENCE wins). */
export function parseReservationFeed(ics: string, config: IcalConfig): ParsedFeed {
  const root = new ICAL.Component(ICAL.parse(ics));
  const byUid = new Map<string, IcsBooking>();
  const rejected: RejectedRecord[] = [];
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const result = toBooking(vevent, config);
    if (typeof result === 'string') {
      const uid = text(vevent, 'uid');
      rejected.push({ ...(uid ? { externalId: uid } : {}), reason: result, payload: vevent.toString() });
      continue;
    }
    const known = byUid.get(result.uid);
    if (!known || known.sequence < result.sequence) byUid.set(result.uid, result);
  }
  const bookings = [...byUid.values()].sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  return { bookings, rejected };
}

function toBooking(vevent: Vevent, config: IcalConfig): IcsBooking | string {
  const uid = text(vevent, 'uid');
  if (!uid) return 'VEVENT has no UID';
  const dtstamp = time(vevent, 'dtstamp') ?? time(vevent, 'last-modified');
  if (!dtstamp) return `VEVENT ${uid} has neither DTSTAMP nor LAST-MODIFIED`;
  const amountText = text(vevent, config.amountProperty);
  const amount = amountText === undefined ? undefined : Number(amountText);
  if (amount !== undefined && (!Number.isFinite(amount) || amountText?.trim() === '')) {
    return `VEVENT ${uid}: ${config.amountProperty.toUpperCase()} "${amountText ?? ''}" is not a number`;
  }
  const booking: IcsBooking = { uid, sequence: sequenceOf(vevent), status: statusOf(vevent), dtstamp };
  assign(booking, 'created', time(vevent, 'created'));
  assign(booking, 'lastModified', time(vevent, 'last-modified'));
  assign(booking, 'checkIn', date(vevent, 'dtstart'));
  assign(booking, 'checkOut', date(vevent, 'dtend'));
  assign(booking, 'amount', amount);
  assign(booking, 'currency', text(vevent, config.currencyProperty));
  assign(booking, 'roomType', text(vevent, config.roomTypeProperty));
  assign(booking, 'channel', text(vevent, config.channelProperty));
  assign(booking, 'guestEmail', guestEmail(vevent));
  assign(booking, 'summary', text(vevent, 'summary'));
  return booking;
}

// exactOptionalPropertyTypes: set optional fields only when present.
function assign<K extends keyof IcsBooking>(target: IcsBooking, key: K, value: IcsBooking[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

// ical.js stores property names lower-cased.
function text(vevent: Vevent, name: string): string | undefined {
  const value = vevent.getFirstPropertyValue(name.toLowerCase());
  if (value === null || value === undefined) return undefined;
  const out = String(value).trim();
  return out === '' ? undefined : out;
}

function time(vevent: Vevent, name: string): string | undefined {
  const value = vevent.getFirstPropertyValue(name);
  return value instanceof ICAL.Time ? value.toJSDate().toISOString() : undefined;
}

// DTSTART/DTEND of stays are usually DATE values: keep them as YYYY-MM-DD.
function date(vevent: Vevent, name: string): string | undefined {
  const value = vevent.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) return undefined;
  return value.isDate ? value.toString() : value.toJSDate().toISOString();
}

function sequenceOf(vevent: Vevent): number {
  const value = Number(text(vevent, 'sequence') ?? 0);
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

// RFC 5545: a VEVENT without STATUS is a plain (confirmed) event.
function statusOf(vevent: Vevent): BookingStatus {
  const status = text(vevent, 'status')?.toUpperCase();
  return status === 'CANCELLED' || status === 'TENTATIVE' ? status : 'CONFIRMED';
}

// The guest is the first ATTENDEE with a mailto address; the ORGANIZER is the property itself.
function guestEmail(vevent: Vevent): string | undefined {
  for (const attendee of vevent.getAllProperties('attendee')) {
    const value = String(attendee.getFirstValue() ?? '');
    if (value.toLowerCase().startsWith('mailto:')) return value.slice('mailto:'.length).trim().toLowerCase();
  }
  return undefined;
}
