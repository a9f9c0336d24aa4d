import { httpStatusError, PluginError, toPluginError } from '@waymark/plugin-sdk';
import type { PluginContext } from '@waymark/plugin-sdk';
import type { IcalConfig } from './config.js';

export type FeedResponse =
  | { notModified: true }
  | { notModified: false; ics: string; etag: string | null; lastModified: string | null };

export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

/** GETs the feed, conditionally when validators are known (`If-None-Match` / `If-Modified-Since` → 304). */
export async function fetchFeed(ctx: PluginContext<IcalConfig>, validators: FeedValidators | null): Promise<FeedResponse> {
  const url = ctx.config.feedUrl;
  const headers: Record<string, string> = { accept: 'text/calendar, text/plain;q=0.5', ...authorization(ctx) };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  let response: Response;
  try {
    response = await ctx.http.fetch(url, { headers });
  } catch (error) {
    throw await toPluginError(error, url);
  }
  if (response.status === 304) return { notModified: true };
  if (!response.ok) throw httpStatusError(response.status, feedLabel(url), await response.text());
  const ics = await response.text();
  if (!ics.trimStart().toUpperCase().startsWith('BEGIN:VCALENDAR')) {
    throw new PluginError('upstream_error', `${feedLabel(url)} did not return an iCalendar document (content-type ${response.headers.get('content-type') ?? 'none'})`);
  }
  return { notModified: false, ics, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
}

function authorization(ctx: PluginContext<IcalConfig>): Record<string, string> {
  const username = ctx.config.username;
  if (username === undefined) return {};
  const password = ctx.secrets.feedPassword;
  if (password === undefined || password === '') {
    throw new PluginError('secret_missing', 'The feed uses HTTP Basic authentication: set the feedPassword secret.');
  }
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

// Private feed URLs often carry a token in the query: name only origin and path.
export function feedLabel(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
