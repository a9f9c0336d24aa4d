import type { NormalizedEvent, RejectedRecord } from '@waymark/plugin-sdk';
import type { mastodon } from 'masto';
import type { MastodonConfig } from './config.js';
import { htmlToText } from './html-text.js';
import { scoreSentiment } from './sentiment-score.js';

export type MappedMention = { ok: true; event: NormalizedEvent } | { ok: false; rejected: RejectedRecord };

const MAX_TEXT = 20_000;

/**
 * A mention notification → MENTION event, or COMPLAINT when the normalised sentiment is at or below
 * `complaintThreshold`. The customer is the author's full handle (`@user@instance`).
 */
export function mapMention(notification: mastodon.v1.Notification, config: MastodonConfig): MappedMention {
  const status = notification.status;
  if (!status) {
    return { ok: false, rejected: { externalId: `notification:${notification.id}`, reason: `notification ${notification.id} has no status (deleted?)`, payload: notification } };
  }
  const text = htmlToText(status.content || status.spoilerText || '');
  const score = scoreSentiment(text);
  const event: NormalizedEvent = {
    externalId: `status:${status.id}`,
    touchpointKey: config.touchpointKey,
    customerRef: `social:mastodon:${fullHandle(notification.account.acct, config.instanceUrl)}`,
    occurredAt: new Date(status.createdAt).toISOString(),
    kind: score.sentiment <= config.complaintThreshold ? 'COMPLAINT' : 'MENTION',
    sentiment: score.sentiment,
    attributes: {
      notificationId: notification.id,
      statusUrl: status.url ?? status.uri,
      visibility: status.visibility,
      isReply: status.inReplyToId !== null && status.inReplyToId !== undefined,
      language: status.language ?? null,
      afinnScore: score.afinn,
      sentimentWords: score.words,
    },
  };
  if (text !== '') event.text = text.slice(0, MAX_TEXT);
  return { ok: true, event };
}

// Local accounts come as `user`; make every handle global so identities do not collide across instances.
export function fullHandle(acct: string, instanceUrl: string): string {
  const handle = acct.replace(/^@/, '').toLowerCase();
  return handle.includes('@') ? `@${handle}` : `@${handle}@${new URL(instanceUrl).hostname}`;
}
