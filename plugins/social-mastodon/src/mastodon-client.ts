import { setTimeout as sleep } from 'node:timers/promises';
import { PluginError } from '@waymark/plugin-sdk';
import type { PluginContext } from '@waymark/plugin-sdk';
import { createRestAPIClient } from 'masto';
import type { mastodon } from 'masto';
import type { MastodonConfig } from './config.js';
import { decideRetry } from './retry-policy.js';

const REQUEST_TIMEOUT_MS = 30_000;

/** A masto.js REST client for the configured instance, bound to the run's abort signal. */
export function mastodonClient(ctx: PluginContext<MastodonConfig>): mastodon.rest.Client {
  const accessToken = ctx.secrets.accessToken;
  if (accessToken === undefined || accessToken === '') {
    throw new PluginError('secret_missing', 'Set the accessToken secret: an access token of the brand account with the read:notifications scope.');
  }
  return createRestAPIClient({
    url: ctx.config.instanceUrl,
    accessToken,
    timeout: REQUEST_TIMEOUT_MS,
    requestInit: { signal: ctx.signal },
    log: 'error',
  });
}

/**
 * Mention notifications newer than `minId`, oldest page first: the first request asks for
 * `min_id`, then the paginator follows Mastodon's `Link: <…>; rel="prev"` header (newer items)
 * until a page comes back empty, without a Link header.
 */
export function mentionPages(client: mastodon.rest.Client, minId: string, limit: number): AsyncIterable<mastodon.v1.Notification[]> {
  return client.v1.notifications.list({ types: ['mention'], minId, limit }).setDirection('prev');
}

/** Waits before the next attempt as {@link decideRetry} decides, or throws its PluginError. */
export async function waitBeforeRetry(ctx: PluginContext<MastodonConfig>, error: unknown, attempt: number): Promise<void> {
  const decision = decideRetry(error, attempt, ctx.config, ctx.now());
  if (!decision.retry) throw decision.error;
  ctx.logger.warn('mastodon request failed, retrying', { attempt: attempt + 1, delayMs: decision.delayMs, reason: error instanceof Error ? error.message : String(error) });
  try {
    await sleep(decision.delayMs, undefined, { signal: ctx.signal });
  } catch (abort) {
    throw new PluginError('aborted', 'The sync was cancelled while waiting to retry', { cause: abort });
  }
}
