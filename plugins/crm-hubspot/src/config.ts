import { z } from 'zod';

const touchpoint = z.string().min(1).optional();

export const hubspotConfigSchema = z.object({
  /** API root; the default is HubSpot's. Point it elsewhere only for proxies and tests. */
  baseUrl: z.url({ protocol: /^https?$/ }).default('https://api.hubapi.com'),
  /** Touchpoint per object type; a type without a touchpoint is not imported. */
  touchpoints: z
    .object({ deals: touchpoint, calls: touchpoint, emails: touchpoint, meetings: touchpoint, notes: touchpoint })
    .default({}),
  /** Kind of the event a closed-won deal becomes. */
  dealEventKind: z.enum(['PURCHASE', 'BOOKING']).default('PURCHASE'),
  /** Deal stages that count as won (custom pipelines have their own stage ids). */
  closedWonStages: z.array(z.string().min(1)).min(1).default(['closedwon']),
  /** Records per search request (HubSpot allows up to 200). */
  pageSize: z.number().int().min(1).max(200).default(100),
  /** Records modified in the last N seconds wait for the next sync (HubSpot's search index lags). */
  settleSeconds: z.number().int().min(0).max(3600).default(60),
  /** Retries of a failed request (429, 5xx, network, timeout). */
  retries: z.number().int().min(0).max(10).default(4),
  /** Longest wait for a rate limit before failing with `rate_limited`. */
  maxRateLimitWaitSeconds: z.number().int().min(0).max(600).default(60),
  /** Timeout of one request. */
  requestTimeoutSeconds: z.number().int().min(1).max(300).default(30),
});

export type HubSpotConfig = z.output<typeof hubspotConfigSchema>;
export type EngagementType = 'calls' | 'emails' | 'meetings' | 'notes';
