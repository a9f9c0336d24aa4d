import type { PluginSecrets } from '../context.js';
import type { PluginDefinition, WebhookRequest } from '../define-plugin.js';
import {
  checkCursors,
  checkEvents,
  checkSecrets,
  checkWebhook,
  contextFor,
  idsOf,
  pullAll,
  resumePoints,
} from './contract-run.js';
import type { ContractFailure, ContractReport, RunEnv, StreamReport } from './contract-run.js';
import { withConsoleCapture } from './console-capture.js';
import { loadFixtures, startFixtureServer } from './fixture-server.js';
import type { Fixture, FixtureServer } from './fixture-server.js';

/** Options of {@link runPluginContract}. */
export interface ContractOptions {
  /**
   * The integration config, or a function building it from the fixture server's base URL
   * (`({ baseUrl }) => ({ portalUrl: baseUrl })`).
   */
  config: unknown;
  /** Secret values by key; the kit checks none of them ever reaches a log line or an event. */
  secrets?: PluginSecrets;
  /** Streams to check; default all. */
  streams?: readonly string[];
  /** Recorded responses (or a directory of `*.json` fixtures) served on a local port. */
  fixtures?: readonly Fixture[] | string;
  /** Upper bound of pages per full pull; reaching it fails `termination`. Default 1000. */
  maxPages?: number;
  /** How many intermediate cursors to resume from. Default 20 (spread over the run). */
  resumeSamples?: number;
  /** Deliveries for push plugins: `valid` must verify and parse, `invalid` must not verify. */
  webhook?: { valid: readonly WebhookRequest[]; invalid?: readonly WebhookRequest[] };
  /** Clock given to the plugin. */
  now?: () => Date;
}

/** Config given as a function of the fixture server. */
export type ConfigFactory = (env: { baseUrl: string }) => unknown;

/**
 * Runs a plugin through the contract every Waymark plugin must keep, against a local server that
 * replays recorded fixtures (or whatever the config points to):
 *
 * 1. the config is valid for the plugin's schema;
 * 2. every event of a full pull is valid against `normalizedEventSchema`, and external ids are
 *    unique within it;
 * 3. a second full pull yields the same external ids in the same order (stable ids);
 * 4. every cursor survives a JSON round trip, and resuming from each intermediate cursor yields
 *    exactly the events after it: none lost, none repeated;
 * 5. no secret value appears in any log line, event, rejected record or error;
 * 6. the run ends (`hasMore: false`) within `maxPages`, and every HTTP request hit a fixture.
 *
 * @returns a report; `ok` is true when `failures` is empty.
 */
export async function runPluginContract<TConfig>(plugin: PluginDefinition<TConfig>, options: ContractOptions): Promise<ContractReport> {
  const server = options.fixtures === undefined ? undefined : await startFixtureServer(await fixturesOf(options.fixtures));
  try {
    return await runWith(plugin, options, server);
  } finally {
    await server?.close();
  }
}

/**
 * Runs {@link runPluginContract} and throws an error listing every failure, for test runners:
 * `await expectPluginContract(plugin, { config, fixtures })`.
 */
export async function expectPluginContract<TConfig>(plugin: PluginDefinition<TConfig>, options: ContractOptions): Promise<ContractReport> {
  const report = await runPluginContract(plugin, options);
  if (!report.ok) {
    const lines = report.failures.map((failure) => `- [${failure.check}${failure.stream ? ` ${failure.stream}` : ''}] ${failure.message}`);
    throw new Error(`Plugin ${plugin.id} breaks the Waymark plugin contract:\n${lines.join('\n')}`);
  }
  return report;
}

async function runWith<TConfig>(plugin: PluginDefinition<TConfig>, options: ContractOptions, server: FixtureServer | undefined): Promise<ContractReport> {
  const failures: ContractFailure[] = [];
  const env: RunEnv = {
    config: resolveConfig(options.config, server),
    secrets: options.secrets ?? {},
    maxPages: options.maxPages ?? 1000,
    logLines: [],
    ...(options.now ? { now: options.now } : {}),
  };
  const parsed = plugin.parseConfig(env.config);
  if (!parsed.ok) {
    return { ok: false, failures: [{ check: 'config', message: parsed.message }], streams: [], logLines: [] };
  }
  const outputs: string[] = [];
  const streams: StreamReport[] = [];
  await withConsoleCapture(env.logLines, () => runChecks(plugin, parsed.config, options, env, { failures, outputs, streams }));
  checkSecrets(env, outputs, failures);
  for (const request of server?.unmatched ?? []) {
    failures.push({ check: 'fixtures', message: `request matched no fixture: ${request}` });
  }
  return { ok: failures.length === 0, failures, streams, logLines: env.logLines };
}

interface Collected {
  failures: ContractFailure[];
  outputs: string[];
  streams: StreamReport[];
}

async function runChecks<TConfig>(plugin: PluginDefinition<TConfig>, config: TConfig, options: ContractOptions, env: RunEnv, out: Collected): Promise<void> {
  const { failures, outputs, streams } = out;
  for (const name of options.streams ?? plugin.streams.map((stream) => stream.name)) {
    streams.push(await checkStream(plugin, config, name, env, options.resumeSamples ?? 20, failures, outputs));
  }
  if (options.webhook) {
    outputs.push(...(await checkWebhook(plugin, contextFor(plugin, config, env), options.webhook, failures)));
  }
}

async function checkStream<TConfig>(
  plugin: PluginDefinition<TConfig>,
  config: TConfig,
  name: string,
  env: RunEnv,
  samples: number,
  failures: ContractFailure[],
  outputs: string[],
): Promise<StreamReport> {
  const stream = plugin.stream(name);
  const first = await pullAll(stream, contextFor(plugin, config, env), null, env.maxPages);
  const report: StreamReport = { stream: name, pages: first.pages.length, events: idsOf(first.pages).length, rejected: 0, resumeChecks: 0 };
  report.rejected = first.pages.reduce((sum, page) => sum + (page.rejected?.length ?? 0), 0);
  outputs.push(JSON.stringify(first.pages));
  if (first.error !== undefined) {
    failures.push({ check: 'pull-error', stream: name, message: `full pull failed after ${first.pages.length} pages: ${first.error}` });
    outputs.push(first.error);
    return report;
  }
  if (first.truncated) {
    failures.push({ check: 'termination', stream: name, message: `still hasMore after ${env.maxPages} pages` });
    return report;
  }
  checkEvents(name, first.pages, failures);
  checkCursors(name, first.pages, failures);
  const ids = idsOf(first.pages);
  const second = await pullAll(stream, contextFor(plugin, config, env), null, env.maxPages);
  const secondIds = idsOf(second.pages);
  if (second.error !== undefined || JSON.stringify(secondIds) !== JSON.stringify(ids)) {
    failures.push({ check: 'ids-stable', stream: name, message: `a second full pull gave different external ids (${secondIds.length} vs ${ids.length}${second.error ? `; error ${second.error}` : ''})` });
  }
  for (const index of resumePoints(first.pages.length, samples)) {
    report.resumeChecks += 1;
    const page = first.pages[index];
    if (!page) continue;
    const expected = idsOf(first.pages.slice(index + 1));
    const cursor: unknown = JSON.parse(JSON.stringify(page.nextCursor ?? null));
    const resumed = await pullAll(stream, contextFor(plugin, config, env), cursor, env.maxPages);
    const actual = idsOf(resumed.pages);
    if (resumed.error !== undefined) {
      failures.push({ check: 'resume', stream: name, message: `resuming after page ${index} failed: ${resumed.error}` });
    } else if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      failures.push({ check: 'resume', stream: name, message: resumeMismatch(index, expected, actual) });
    }
  }
  return report;
}

function resumeMismatch(index: number, expected: readonly string[], actual: readonly string[]): string {
  const missing = expected.filter((id) => !actual.includes(id));
  const repeated = actual.filter((id) => !expected.includes(id));
  return `resuming after page ${index} gave ${actual.length} events, expected ${expected.length}` +
    ` (lost: ${missing.slice(0, 5).join(', ') || 'none'}; unexpected: ${repeated.slice(0, 5).join(', ') || 'none'})`;
}

async function fixturesOf(fixtures: readonly Fixture[] | string): Promise<readonly Fixture[]> {
  return typeof fixtures === 'string' ? loadFixtures(fixtures) : fixtures;
}

function resolveConfig(config: unknown, server: FixtureServer | undefined): unknown {
  if (typeof config !== 'function') return config;
  if (!server) throw new Error('config is a function of the fixture server, but no fixtures were given');
  const factory: unknown = Reflect.apply(config, undefined, [{ baseUrl: server.baseUrl }]);
  return factory;
}
