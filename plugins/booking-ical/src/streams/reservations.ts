import { defineStream, PluginError } from '@waymark/plugin-sdk';
import type { NormalizedEvent, Page, PluginContext, RejectedRecord } from '@waymark/plugin-sdk';
import { z } from 'zod';
import { bookingEvents, stateOf } from '../booking-events.js';
import type { BookingState } from '../booking-events.js';
import type { IcalConfig } from '../config.js';
import { feedLabel, fetchFeed } from '../feed-client.js';
import { parseReservationFeed } from '../ics-parser.js';
import type { ParsedFeed } from '../ics-parser.js';

const bookingStateSchema = z.tuple([z.number().int(), z.number().nullable(), z.enum(['B', 'T', 'C'])]);

/**
 * Per-UID digest of what was imported, plus the validators of the last fully imported feed.
 * Intermediate pages carry no validators, so resuming refetches and skips what is in `bookings`.
 */
export const feedCursorSchema = z.object({
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  bookings: z.record(z.string(), bookingStateSchema),
});
export type FeedCursor = z.output<typeof feedCursorSchema>;

interface Change {
  uid: string;
  state: BookingState;
  events: NormalizedEvent[];
}

export const reservations = defineStream({
  name: 'reservations',
  description: 'Bookings, modifications and cancellations of an iCalendar reservation feed',
  cursor: feedCursorSchema,
  async *pull(ctx: PluginContext<IcalConfig>, cursor: FeedCursor | null): AsyncGenerator<Page<FeedCursor>> {
    const known = cursor ?? { etag: null, lastModified: null, bookings: {} };
    const feed = await fetchFeed(ctx, known);
    if (feed.notModified) {
      ctx.logger.debug('reservation feed not modified');
      yield { events: [], nextCursor: known, hasMore: false };
      return;
    }
    const parsed = parseFeed(feed.ics, ctx);
    const changes = changesOf(parsed, known.bookings, ctx.config);
    ctx.logger.info('reservation feed read', { bookings: parsed.bookings.length, changed: changes.length, rejected: parsed.rejected.length });
    const state: Record<string, BookingState> = { ...known.bookings };
    const chunks = chunk(changes, ctx.config.pageSize);
    for (const [index, slice] of chunks.entries()) {
      for (const change of slice) state[change.uid] = change.state;
      const last = index === chunks.length - 1;
      const rejected: RejectedRecord[] = index === 0 ? parsed.rejected : [];
      const nextCursor = last
        ? { etag: feed.etag, lastModified: feed.lastModified, bookings: prune(state, parsed) }
        : { etag: null, lastModified: null, bookings: { ...state } };
      yield { events: slice.flatMap((change) => change.events), rejected, nextCursor, hasMore: !last };
    }
  },
});

/** Parses the feed, failing with `upstream_error` when it is not valid iCalendar. */
export function parseFeed(ics: string, ctx: PluginContext<IcalConfig>): ParsedFeed {
  try {
    return parseReservationFeed(ics, ctx.config);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PluginError('upstream_error', `${feedLabel(ctx.config.feedUrl)} is not valid iCalendar: ${reason}`, { cause: error });
  }
}

function changesOf(parsed: ParsedFeed, known: Readonly<Record<string, BookingState>>, config: IcalConfig): Change[] {
  const changes: Change[] = [];
  for (const booking of parsed.bookings) {
    const previous = known[booking.uid];
    const events = bookingEvents(booking, previous, config);
    const state = stateOf(booking);
    if (events.length > 0) changes.push({ uid: booking.uid, state, events });
  }
  return changes;
}

// UIDs that left the feed (past stays) are forgotten; their ids stay idempotent if they return.
function prune(state: Record<string, BookingState>, parsed: ParsedFeed): Record<string, BookingState> {
  const present = new Set(parsed.bookings.map((booking) => booking.uid));
  return Object.fromEntries(Object.entries(state).filter(([uid]) => present.has(uid)));
}

// Always at least one page, so an unchanged feed still commits its validators.
function chunk<T>(items: readonly T[], size: number): T[][] {
  if (items.length === 0) return [[]];
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}
