import { describe, expect, it } from 'vitest';
import type { mastodon } from 'masto';
import { mastodonConfigSchema } from './config.js';
import { fullHandle, mapMention } from './mention-mapper.js';

const config = mastodonConfigSchema.parse({ instanceUrl: 'https://mastodon.example', touchpointKey: 'social-mastodon' });

// Notifications as masto.js returns them (camelCase), trimmed to what the mapper reads.
function notification(content: string, acct = 'bruno@social.example.net', extra: Partial<mastodon.v1.Status> = {}): mastodon.v1.Notification {
  const account = { id: '1', username: 'bruno', acct, url: 'https://social.example.net/@bruno' };
  const status = {
    id: '110000000000009011', createdAt: '2026-03-01T01:14:00.000Z', content, spoilerText: '', visibility: 'public',
    inReplyToId: null, language: 'en', url: 'https://social.example.net/@bruno/110000000000009011', uri: 'https://social.example.net/users/bruno/statuses/110000000000009011', ...extra,
  };
  const raw: unknown = { id: '110000000000000115', type: 'mention', createdAt: status.createdAt, groupKey: 'g', account, status };
  return parseNotification(raw);
}

function parseNotification(raw: unknown): mastodon.v1.Notification {
  // The fixture object is shaped like the entity; a type guard keeps the test free of casts.
  const isNotification = (value: unknown): value is mastodon.v1.Notification => typeof value === 'object' && value !== null && 'type' in value;
  if (!isNotification(raw)) throw new Error('bad fixture');
  return raw;
}

describe('mapMention', () => {
  it('maps a strongly negative mention to a COMPLAINT with text, sentiment and the author handle', () => {
    const mapped = mapMention(notification('<p><span class="h-card"><a class="u-url mention">@<span>miradorhotel</span></a></span> Terrible experience. The room was dirty. Awful.</p>'), config);
    expect(mapped).toEqual({
      ok: true,
      event: {
        externalId: 'status:110000000000009011',
        touchpointKey: 'social-mastodon',
        customerRef: 'social:mastodon:@bruno@social.example.net',
        occurredAt: '2026-03-01T01:14:00.000Z',
        kind: 'COMPLAINT',
        sentiment: -0.533,
        text: '@miradorhotel Terrible experience. The room was dirty. Awful.',
        attributes: {
          notificationId: '110000000000000115', statusUrl: 'https://social.example.net/@bruno/110000000000009011', visibility: 'public',
          isReply: false, language: 'en', afinnScore: -8, sentimentWords: 3,
        },
      },
    });
  });

  it('keeps mildly negative, neutral and positive posts as MENTION and flags replies', () => {
    const mild = mapMention(notification('<p>the wifi is broken</p>', 'bruno@social.example.net', { inReplyToId: '5' }), config);
    expect(mild.ok && [mild.event.kind, mild.event.sentiment, mild.event.attributes?.isReply]).toEqual(['MENTION', -0.2, true]);
    const question = mapMention(notification('<p>What time is check-out?</p>'), config);
    expect(question.ok && [question.event.kind, question.event.sentiment]).toEqual(['MENTION', 0]);
  });

  it('uses the configured complaint threshold', () => {
    const strict = mastodonConfigSchema.parse({ instanceUrl: 'https://mastodon.example', touchpointKey: 't', complaintThreshold: -0.1 });
    const mapped = mapMention(notification('<p>the wifi is broken</p>'), strict);
    expect(mapped.ok && mapped.event.kind).toBe('COMPLAINT');
  });

  it('rejects a mention whose status is gone', () => {
    const raw: unknown = { id: '9', type: 'mention', createdAt: '2026-03-01T00:00:00.000Z', groupKey: 'g', account: { acct: 'x' }, status: null };
    expect(mapMention(parseNotification(raw), config)).toMatchObject({ ok: false, rejected: { reason: 'notification 9 has no status (deleted?)' } });
  });
});

describe('fullHandle', () => {
  it('qualifies local accounts with the instance host and lower-cases handles', () => {
    expect(fullHandle('Ana_Travels', 'https://mastodon.example')).toBe('@ana_travels@mastodon.example');
    expect(fullHandle('bruno@Social.Example.net', 'https://mastodon.example')).toBe('@bruno@social.example.net');
  });
});
