import { setImmediate as nextTurn } from 'node:timers/promises';
import { createPluginContext, createPluginLogger, PluginError, validateEvent } from '@waymark/plugin-sdk';
import type {
  FetchLike,
  IdentityLink,
  NormalizedEvent,
  Page,
  PluginContext,
  PluginDefinition,
  PluginLogger,
  PluginSecrets,
  RejectedRecord,
} from '@waymark/plugin-sdk';
import { missingSecrets } from './secrets-check.js';

/** What the host needs to run one stream of an integration. */
export interface StreamRunInput {
  plugin: PluginDefinition;
  /** Stored config (validated here against the plugin's schema). */
  config: unknown;
  /** Decrypted secrets. */
  secrets: PluginSecrets;
  stream: string;
  /** Cursor committed after the previous page, or null for a first sync. */
  cursor: unknown;
  signal?: AbortSignal;
  logger?: PluginLogger;
  /** Underlying fetch (tests). */
  fetch?: FetchLike;
}

/** A page after host-side validation: invalid events were moved to `rejected` with reasons. */
export interface HostPage {
  events: NormalizedEvent[];
  links: IdentityLink[];
  rejected: RejectedRecord[];
  nextCursor: unknown;
  hasMore: boolean;
}

/**
 * Pulls the pages of one stream from `cursor`, validating each. The generator is lazy: commit a
 * page (and its `nextCursor`) before asking for the next one, and a crash resumes exactly there.
 *
 * @throws PluginError `config_invalid`, `secret_missing`, `cursor_invalid`, `plugin_invalid`, or
 *   whatever the plugin throws (`auth_failed`, `rate_limited`, …).
 */
export async function* pullPages(input: StreamRunInput): AsyncGenerator<HostPage> {
  const { ctx, stream, cursor } = prepare(input);
  let last = cursor;
  let yielded = false;
  for await (const raw of stream.pull(ctx, cursor)) {
    const page = await checkPage(raw, input);
    yielded = true;
    last = page.nextCursor;
    yield page;
    if (!page.hasMore) return;
  }
  // A stream that ends without a page has nothing new: keep the cursor.
  if (!yielded) yield { events: [], links: [], rejected: [], nextCursor: last, hasMore: false };
}

/** Pulls exactly one page from `cursor` (see {@link pullPages}); the plugin's generator is closed after it. */
export async function runStreamPage(input: StreamRunInput): Promise<HostPage> {
  for await (const page of pullPages(input)) return page;
  throw new PluginError('plugin_invalid', `Stream ${input.stream} of ${input.plugin.id} produced no page`);
}

/** Builds the context for a plugin call: validated config, required secrets present, redacting logger. */
export function hostContext(input: Pick<StreamRunInput, 'plugin' | 'config' | 'secrets' | 'signal' | 'logger' | 'fetch'>, bindings: Record<string, unknown> = {}): PluginContext<unknown> {
  const { plugin } = input;
  const config = plugin.assertConfig(input.config);
  const missing = missingSecrets(plugin, input.secrets);
  if (missing.length > 0) throw new PluginError('secret_missing', `${plugin.name} needs: ${missing.join(', ')}`);
  const logger = input.logger ?? createPluginLogger({ secrets: Object.values(input.secrets), bindings: { plugin: plugin.id, ...bindings } });
  return createPluginContext({
    config,
    secrets: input.secrets,
    logger,
    http: plugin.http,
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.fetch ? { fetch: input.fetch } : {}),
  });
}

function prepare(input: StreamRunInput) {
  const stream = input.plugin.stream(input.stream);
  const ctx = hostContext(input, { stream: input.stream });
  let cursor: unknown = input.cursor ?? null;
  if (cursor !== null && stream.cursor) {
    const parsed = stream.cursor.safeParse(cursor);
    if (!parsed.success) {
      throw new PluginError('cursor_invalid', `Stored cursor of ${input.plugin.id}/${input.stream} is unusable; reset the sync state to start over`);
    }
    cursor = parsed.data;
  }
  return { ctx, stream, cursor };
}

// Events validated between turns of the event loop: a page validated ahead (pullPagesAhead) must
// not hold up the queries of the page being stored for more than a slice.
const VALIDATION_SLICE = 500;

async function checkPage(raw: Page<unknown>, input: StreamRunInput): Promise<HostPage> {
  if (typeof raw !== 'object' || raw === null || !Array.isArray(raw.events) || typeof raw.hasMore !== 'boolean') {
    throw new PluginError('plugin_invalid', `${input.plugin.id}/${input.stream} yielded a page without events[] and hasMore`);
  }
  const page: HostPage = { events: [], links: [...(raw.links ?? [])], rejected: [...(raw.rejected ?? [])], nextCursor: raw.nextCursor, hasMore: raw.hasMore };
  for (const [i, candidate] of raw.events.entries()) {
    if (i > 0 && i % VALIDATION_SLICE === 0) await nextTurn();
    const result = validateEvent(candidate);
    if (result.ok) page.events.push(result.event);
    else page.rejected.push(rejection(candidate, result.reason));
  }
  return page;
}

function rejection(candidate: unknown, reason: string): RejectedRecord {
  const externalId: unknown = typeof candidate === 'object' && candidate !== null ? Reflect.get(candidate, 'externalId') : undefined;
  const record: RejectedRecord = { reason: `invalid event: ${reason}`, payload: candidate };
  if (typeof externalId === 'string') record.externalId = externalId;
  return record;
}
