import { describe, expect, it } from 'vitest';
import { icalConfigSchema } from './config.js';
import { parseReservationFeed } from './ics-parser.js';
import { fixtureFeed } from './test-support/ical-server.js';

const config = icalConfigSchema.parse({ feedUrl: 'https://cm.example/feed.ics', touchpointKey: 'channel-manager' });

describe('parseReservationFeed', () => {
  it('reads UID, SEQUENCE, STATUS, dates, guest e-mail and the X- amount/room properties of each VEVENT', async () => {
    const { bookings } = parseReservationFeed(await fixtureFeed('reservations-v1.ics'), config);
    expect(bookings.map((booking) => booking.uid)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `RES-1000${n}@seaside-cm.example`));
    expect(bookings[0]).toEqual({
      uid: 'RES-10001@seaside-cm.example',
      sequence: 0,
      status: 'CONFIRMED',
      dtstamp: '2026-03-01T08:00:00.000Z',
      created: '2026-02-10T14:15:00.000Z',
      lastModified: '2026-02-10T14:15:00.000Z',
      checkIn: '2026-04-12',
      checkOut: '2026-04-15',
      amount: 567,
      currency: 'EUR',
      roomType: 'Double Sea View',
      channel: 'booking.com',
      guestEmail: 'ana.silva@example.com',
      summary: 'Reservation RES-10001 - Double Sea View',
    });
    expect(bookings.find((booking) => booking.uid.startsWith('RES-10005'))?.status).toBe('CANCELLED');
    expect(bookings.find((booking) => booking.uid.startsWith('RES-10006'))?.status).toBe('TENTATIVE');
  });

  it('rejects a VEVENT whose amount is not a number, naming the property', async () => {
    const { rejected } = parseReservationFeed(await fixtureFeed('reservations-v1.ics'), config);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ externalId: 'RES-10007@seaside-cm.example', reason: 'VEVENT RES-10007@seaside-cm.example: X-BOOKING-AMOUNT "EUR 149" is not a number' });
  });

  it('keeps the highest SEQUENCE when a UID appears twice and rejects VEVENTs without UID', () => {
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//t//EN',
      'BEGIN:VEVENT', 'UID:A', 'SEQUENCE:3', 'DTSTAMP:20260101T000000Z', 'X-BOOKING-AMOUNT:10', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:A', 'SEQUENCE:1', 'DTSTAMP:20260101T000000Z', 'X-BOOKING-AMOUNT:5', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTAMP:20260101T000000Z', 'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const parsed = parseReservationFeed(ics, config);
    expect(parsed.bookings).toMatchObject([{ uid: 'A', sequence: 3, amount: 10, status: 'CONFIRMED' }]);
    expect(parsed.rejected.map((record) => record.reason)).toEqual(['VEVENT has no UID']);
  });

  it('uses the configured extension property names', () => {
    const custom = icalConfigSchema.parse({ feedUrl: 'https://cm.example/f.ics', touchpointKey: 't', amountProperty: 'X-TOTAL-PRICE' });
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:B', 'DTSTAMP:20260101T000000Z', 'X-TOTAL-PRICE:99.5', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    expect(parseReservationFeed(ics, custom).bookings[0]?.amount).toBe(99.5);
  });

  it('throws on a document that is not iCalendar', () => {
    expect(() => parseReservationFeed('BEGIN:VCALENDAR\r\nthis is not a content line\r\n', config)).toThrow();
  });
});
