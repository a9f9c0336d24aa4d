// The public contract between Waymark and a plugin. Initial draft by the foundation; the SDK owner
// may extend it (keep these names: plugins and the host are written against them).

/** Event kinds a plugin may emit; mirrors the platform's EventKind. */
export const EVENT_KINDS = [
  'VIEW', 'CLICK', 'INQUIRY', 'INTERACTION', 'BOOKING', 'PURCHASE', 'CANCELLATION',
  'SURVEY', 'REVIEW', 'MENTION', 'COMPLAINT',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Plugin categories shown in the console's catalog. */
export const PLUGIN_CATEGORIES = ['crm', 'social', 'booking', 'survey', 'file', 'other'] as const;
/** One of {@link PLUGIN_CATEGORIES}. */
export type PluginCategory = (typeof PLUGIN_CATEGORIES)[number];

/**
 * One customer interaction, normalised by a plugin. `externalId` must be stable across pulls:
 * the platform deduplicates on (source, externalId).
 */
export interface NormalizedEvent {
  externalId: string;
  touchpointKey: string;
  /** Identity of the customer, `<kind>:<value>`, e.g. `email:ana@example.com`, `crm:hubspot:123`. */
  customerRef: string;
  /** Other identities seen on the same event: they are stitched to one customer. */
  linkedRefs?: string[];
  /** ISO-8601 timestamp. */
  occurredAt: string;
  kind: EventKind;
  value?: number;
  csat?: number;
  nps?: number;
  ces?: number;
  sentiment?: number;
  text?: string;
  attributes?: Record<string, unknown>;
}

/** A source's declaration that identities belong to one person (e.g. a CRM contact's e-mail + id). */
export interface IdentityLink {
  refs: string[];
}

/** A row the plugin could not turn into an event; kept for review, never silently dropped. */
export interface RejectedRecord {
  externalId?: string;
  reason: string;
  payload?: unknown;
}

/** One page of a stream. The platform commits the page, then stores `nextCursor`. */
export interface Page<TCursor> {
  events: NormalizedEvent[];
  links?: IdentityLink[];
  rejected?: RejectedRecord[];
  /** Where to resume after this page is committed. */
  nextCursor: TCursor;
  /** False when the stream has nothing more for now. */
  hasMore: boolean;
}
