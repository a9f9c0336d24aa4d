import { isDeepStrictEqual } from 'node:util';
import type { NormalizedEvent, Page } from '../contract.js';
import { createPluginContext } from '../context.js';
import type { PluginContext, PluginSecrets } from '../context.js';
import type { PluginDefinition, StreamDefinition, WebhookRequest } from '../define-plugin.js';
import { validateEvent } from '../event-schema.js';
import { createPluginLogger } from '../logger.js';

/** Which contract rule a failure breaks. */
export type ContractCheck =
  | 'config'
  | 'pull-error'
  | 'termination'
  | 'events-valid'
  | 'ids-unique'
  | 'ids-stable'
  | 'cursor-json'
  | 'resume'
  | 'secrets'
  | 'fixtures'
  | 'webhook';

/** One broken rule, with a message that says what to fix. */
export interface ContractFailure {
  check: ContractCheck;
  stream?: string;
  message: string;
}

/** What one stream produced during the contract run. */
export interface StreamReport {
  stream: string;
  pages: number;
  events: number;
  rejected: number;
  /** Intermediate cursors the resume check started from. */
  resumeChecks: number;
}

/** Result of {@link runPluginContract}. */
export interface ContractReport {
  ok: boolean;
  failures: ContractFailure[];
  streams: StreamReport[];
  /** Every log line the plugin wrote (already redacted). */
  logLines: string[];
}

/** Shared state of one contract run: captured logs and how to build contexts. */
export interface RunEnv {
  config: unknown;
  secrets: PluginSecrets;
  maxPages: number;
  logLines: string[];
  now?: () => Date;
}

/** One complete pull of a stream from a cursor. */
interface PullResult {
  pages: Page<unknown>[];
  error?: string;
  truncated: boolean;
}

export function contextFor<TConfig>(plugin: PluginDefinition<TConfig>, config: TConfig, env: RunEnv): PluginContext<TConfig> {
  const logger = createPluginLogger({
    secrets: Object.values(env.secrets),
    level: 'debug',
    sink: (line) => env.logLines.push(line),
    bindings: { plugin: plugin.id },
  });
  return createPluginContext({
    config,
    secrets: env.secrets,
    logger,
    // Keep the plugin's retry policy but short waits, so failing fixtures fail fast.
    http: { ...plugin.http, backoffLimitMs: 50 },
    ...(env.now ? { now: env.now } : {}),
  });
}

export async function pullAll<TConfig>(
  stream: StreamDefinition<TConfig, unknown>,
  ctx: PluginContext<TConfig>,
  cursor: unknown,
  maxPages: number,
): Promise<PullResult> {
  const pages: Page<unknown>[] = [];
  try {
    for await (const page of stream.pull(ctx, cursor)) {
      pages.push(page);
      if (!page.hasMore) return { pages, truncated: false };
      if (pages.length >= maxPages) return { pages, truncated: true };
    }
    return { pages, truncated: false };
  } catch (error) {
    return { pages, truncated: false, error: describe(error) };
  }
}

export function idsOf(pages: readonly Page<unknown>[]): string[] {
  return pages.flatMap((page) => page.events.map((event) => event.externalId));
}

export function checkEvents(stream: string, pages: readonly Page<unknown>[], failures: ContractFailure[]): void {
  let index = 0;
  for (const page of pages) {
    for (const event of page.events) {
      const result = validateEvent(event);
      if (!result.ok) failures.push({ check: 'events-valid', stream, message: `event #${index} (${label(event)}) is invalid: ${result.reason}` });
      index += 1;
    }
  }
  const ids = idsOf(pages);
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) failures.push({ check: 'ids-unique', stream, message: `externalId "${id}" appears twice in one full pull` });
    seen.add(id);
  }
}

export function checkCursors(stream: string, pages: readonly Page<unknown>[], failures: ContractFailure[]): void {
  pages.forEach((page, index) => {
    if (!isDeepStrictEqual(roundTrip(page.nextCursor), page.nextCursor)) {
      failures.push({ check: 'cursor-json', stream, message: `cursor of page ${index} does not survive JSON round trip: ${safeJson(page.nextCursor)}` });
    }
  });
}

/** Picks up to `samples` page indexes spread over the run, always including the last. */
export function resumePoints(pageCount: number, samples: number): number[] {
  if (pageCount <= samples) return Array.from({ length: pageCount }, (_, index) => index);
  const step = (pageCount - 1) / (samples - 1);
  return [...new Set(Array.from({ length: samples }, (_, index) => Math.round(index * step)))];
}

export function checkSecrets(env: RunEnv, extra: readonly string[], failures: ContractFailure[]): void {
  const secrets = Object.entries(env.secrets).filter(([, value]) => value.length >= 4);
  for (const [key, value] of secrets) {
    if (env.logLines.some((line) => line.includes(value))) {
      failures.push({ check: 'secrets', message: `the value of secret "${key}" appears in a log line` });
    }
    if (extra.some((text) => text.includes(value))) {
      failures.push({ check: 'secrets', message: `the value of secret "${key}" appears in an event, rejected record or error` });
    }
  }
}

export async function checkWebhook<TConfig>(
  plugin: PluginDefinition<TConfig>,
  ctx: PluginContext<TConfig>,
  samples: { valid: readonly WebhookRequest[]; invalid?: readonly WebhookRequest[] },
  failures: ContractFailure[],
): Promise<string[]> {
  const webhook = plugin.webhook;
  const outputs: string[] = [];
  if (!webhook) {
    failures.push({ check: 'webhook', message: 'webhook samples were given but the plugin declares no webhook' });
    return outputs;
  }
  for (const [index, request] of samples.valid.entries()) {
    try {
      if (!(await webhook.verify(request, ctx))) {
        failures.push({ check: 'webhook', message: `valid delivery #${index} was not verified` });
        continue;
      }
      const result = await webhook.parse(JSON.parse(new TextDecoder().decode(request.rawBody)), ctx);
      outputs.push(JSON.stringify(result));
      const page: Page<unknown> = { ...result, nextCursor: null, hasMore: false };
      checkEvents(`webhook#${index}`, [page], failures);
    } catch (error) {
      failures.push({ check: 'webhook', message: `valid delivery #${index} failed: ${describe(error)}` });
    }
  }
  for (const [index, request] of (samples.invalid ?? []).entries()) {
    try {
      if (await webhook.verify(request, ctx)) failures.push({ check: 'webhook', message: `invalid delivery #${index} was accepted by verify()` });
    } catch (error) {
      outputs.push(describe(error));
    }
  }
  return outputs;
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const code: unknown = Reflect.get(error, 'code');
    return typeof code === 'string' ? `${code}: ${error.message}` : `${error.name}: ${error.message}`;
  }
  return String(error);
}

function roundTrip(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch (error) {
    return `<not serialisable: ${describe(error)}>`;
  }
}

function label(event: NormalizedEvent): string {
  return typeof event.externalId === 'string' ? event.externalId : safeJson(event).slice(0, 80);
}
