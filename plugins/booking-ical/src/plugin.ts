import { definePlugin } from '@waymark/plugin-sdk';
import type { PluginContext } from '@waymark/plugin-sdk';
import { icalConfigSchema } from './config.js';
import type { IcalConfig } from './config.js';
import { fetchFeed } from './feed-client.js';
import { parseFeed, reservations } from './streams/reservations.js';

export const plugin = definePlugin<IcalConfig>({
  id: 'booking-ical',
  name: 'iCalendar reservation feed',
  version: '0.1.0',
  category: 'booking',
  description: 'Imports bookings, modifications and cancellations from an RFC 5545 reservation feed exported by a channel manager.',
  config: icalConfigSchema,
  secrets: [
    {
      key: 'feedPassword',
      label: 'Feed password',
      description: 'Only for feeds behind HTTP Basic authentication (set the user name in the config).',
      required: false,
    },
  ],
  streams: [reservations],
  http: { timeoutMs: 30_000, retries: 4, maxRetryAfterMs: 120_000 },
  async testConnection(ctx: PluginContext<IcalConfig>) {
    const feed = await fetchFeed(ctx, null);
    if (!feed.notModified) parseFeed(feed.ics, ctx);
  },
});
