import { defineStream } from '@waymark/plugin-sdk';
import type { NormalizedEvent, Page, PluginContext, RejectedRecord } from '@waymark/plugin-sdk';
import type { mastodon } from 'masto';
import { z } from 'zod';
import type { MastodonConfig } from '../config.js';
import { mapMention } from '../mention-mapper.js';
import { mastodonClient, mentionPages, waitBeforeRetry } from '../mastodon-client.js';

/** The newest notification id imported: the next pull asks for `min_id` = this. */
export const mentionsCursorSchema = z.object({ minId: z.string().regex(/^\d+$/) });
export type MentionsCursor = z.output<typeof mentionsCursorSchema>;

export const mentions = defineStream({
  name: 'mentions',
  description: 'Mentions of and replies to the brand account, with sentiment',
  cursor: mentionsCursorSchema,
  async *pull(ctx: PluginContext<MastodonConfig>, cursor: MentionsCursor | null): AsyncGenerator<Page<MentionsCursor>> {
    const client = mastodonClient(ctx);
    let minId = cursor?.minId ?? ctx.config.startAfterId ?? '0';
    let attempt = 0;
    for (;;) {
      try {
        for await (const batch of mentionPages(client, minId, ctx.config.pageSize)) {
          attempt = 0;
          if (batch.length === 0) break;
          const page = toPage(batch, ctx.config);
          minId = page.nextCursor.minId;
          // A short page is the newest there is: stop without asking for an empty one.
          const hasMore = batch.length >= ctx.config.pageSize;
          yield { ...page, hasMore };
          if (!hasMore) return;
        }
        yield { events: [], nextCursor: { minId }, hasMore: false };
        return;
      } catch (error) {
        // Restart the pagination from the last committed position after the wait.
        await waitBeforeRetry(ctx, error, attempt);
        attempt += 1;
      }
    }
  },
});

function toPage(batch: readonly mastodon.v1.Notification[], config: MastodonConfig): Page<MentionsCursor> {
  const oldestFirst = [...batch].sort((a, b) => compareIds(a.id, b.id));
  const events: NormalizedEvent[] = [];
  const rejected: RejectedRecord[] = [];
  for (const notification of oldestFirst) {
    const mapped = mapMention(notification, config);
    if (mapped.ok) events.push(mapped.event);
    else rejected.push(mapped.rejected);
  }
  const newest = oldestFirst.at(-1)?.id ?? '0';
  return { events, rejected, nextCursor: { minId: newest }, hasMore: true };
}

// Mastodon ids are decimal strings of growing length (snowflakes): compare as integers.
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
