import { z } from 'zod';

export const mastodonConfigSchema = z.object({
  /** The brand account's instance, e.g. `https://mastodon.social`. */
  instanceUrl: z.url({ protocol: /^https?$/ }),
  /** Touchpoint the mentions are attributed to (e.g. `social-mastodon`). */
  touchpointKey: z.string().min(1),
  /** Normalised sentiment at or below which a mention is a COMPLAINT. */
  complaintThreshold: z.number().min(-1).max(0).default(-0.5),
  /** Notifications per request (Mastodon allows up to 80). */
  pageSize: z.number().int().min(1).max(80).default(40),
  /** Import only notifications newer than this id (first sync); default: the whole history. */
  startAfterId: z.string().regex(/^\d+$/, 'must be a Mastodon notification id (digits)').optional(),
  /** Retries of a failed request (429, 5xx, network) before the sync fails. */
  retries: z.number().int().min(0).max(10).default(4),
  /** Longest wait for a rate-limit reset; a later reset fails the sync with `rate_limited`. */
  maxRateLimitWaitSeconds: z.number().int().min(0).max(900).default(120),
});

export type MastodonConfig = z.output<typeof mastodonConfigSchema>;
