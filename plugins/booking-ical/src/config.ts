import { z } from 'zod';

const propertyName = z
  .string()
  .regex(/^X-[A-Z0-9-]+$/i, 'must be an iCalendar extension property name, e.g. "X-BOOKING-AMOUNT"');

export const icalConfigSchema = z.object({
  /** The reservation feed exported by the channel manager (`text/calendar`). */
  feedUrl: z.url({ protocol: /^https?$/ }),
  /** Touchpoint the bookings are attributed to (e.g. `channel-manager`). */
  touchpointKey: z.string().min(1),
  /** Extension property holding the booking amount (a plain decimal number). */
  amountProperty: propertyName.default('X-BOOKING-AMOUNT'),
  currencyProperty: propertyName.default('X-BOOKING-CURRENCY'),
  roomTypeProperty: propertyName.default('X-ROOM-TYPE'),
  channelProperty: propertyName.default('X-BOOKING-CHANNEL'),
  /** User name for HTTP Basic authentication (password in the `feedPassword` secret). */
  username: z.string().min(1).optional(),
  /** Bookings per page. */
  pageSize: z.number().int().min(1).max(1000).default(100),
});

export type IcalConfig = z.output<typeof icalConfigSchema>;
