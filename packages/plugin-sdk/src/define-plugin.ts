import { z } from 'zod';
import type { IdentityLink, NormalizedEvent, Page, PluginCategory, RejectedRecord } from './contract.js';
import { droppedKeys } from './config-keys.js';
import type { PluginContext } from './context.js';
import { PluginError } from './errors.js';
import { formatIssues } from './event-schema.js';
import type { HttpPolicy } from './http.js';

/** A secret the integration needs (API token, signing key). Stored encrypted by the platform. */
export interface SecretDeclaration {
  /** Key in `ctx.secrets`, e.g. `accessToken`. */
  key: string;
  /** Label of the console form field. */
  label: string;
  /** Help text shown under the field. */
  description?: string;
  /** Whether the integration cannot run without it. */
  required: boolean;
}

/**
 * One incremental stream of a plugin. `pull` yields pages from `cursor` (null on the first run);
 * the platform commits each page, then stores its `nextCursor`, so a later `pull` with that
 * cursor must continue exactly after the page: no event lost, none repeated.
 *
 * Cursors must survive a JSON round trip (the platform stores them as JSON).
 */
export interface StreamDefinition<TConfig, TCursor> {
  /** Stable name, unique within the plugin (e.g. `contacts`). */
  readonly name: string;
  /** What the stream imports, for the console. */
  readonly description: string;
  /** Optional schema of the cursor: a stored cursor that does not match fails with `cursor_invalid`. */
  readonly cursor?: z.ZodType<TCursor>;
  /** Yields pages of normalised events from `cursor` onwards. */
  pull(ctx: PluginContext<TConfig>, cursor: TCursor | null): AsyncIterable<Page<TCursor>>;
}

/** The events a webhook delivery produced. */
export interface WebhookResult {
  events: NormalizedEvent[];
  links?: IdentityLink[];
  rejected?: RejectedRecord[];
}

/** An incoming webhook delivery, as received by the platform at `/webhooks/<integrationId>`. */
export interface WebhookRequest {
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The exact bytes received: verify signatures over these, never over re-serialised JSON. */
  rawBody: Uint8Array;
}

/** Push capability: for services that POST data to Waymark instead of being pulled. */
export interface WebhookCapability<TConfig> {
  /** True when the delivery is authentic (e.g. its HMAC signature matches a secret). */
  verify(request: WebhookRequest, ctx: PluginContext<TConfig>): boolean | Promise<boolean>;
  /** Turns a verified delivery's parsed JSON body into events. */
  parse(body: unknown, ctx: PluginContext<TConfig>): WebhookResult | Promise<WebhookResult>;
}

/** What a plugin author passes to {@link definePlugin}. */
export interface PluginSpec<TConfig> {
  /** Stable id, kebab-case, `<category>-<provider>` by convention (e.g. `crm-hubspot`). */
  id: string;
  /** Display name. */
  name: string;
  /** The plugin's own semver version (usually its package.json version). */
  version: string;
  category: PluginCategory;
  /** One or two sentences for the catalog. */
  description: string;
  /** Config schema: gives the config type, runtime validation and the console form's JSON Schema. */
  config: z.ZodType<TConfig>;
  /** Secrets the integration asks for. Default none. */
  secrets?: SecretDeclaration[];
  /** Pull streams. A push-only plugin may declare none and a `webhook` instead. */
  streams: StreamDefinition<TConfig, unknown>[];
  /** HTTP timeouts, retries and rate limit for `ctx.http`. */
  http?: HttpPolicy;
  /** Checks the config and credentials with one cheap call; throws a {@link PluginError}. */
  testConnection?(ctx: PluginContext<TConfig>): Promise<void>;
  /** Push capability. */
  webhook?: WebhookCapability<TConfig>;
}

/** One problem of a config, addressed by its field path. */
export interface ConfigIssue {
  /** Dotted path, `''` for the whole object. */
  path: string;
  message: string;
}

/**
 * Result of {@link PluginDefinition.parseConfig}. `unknownKeys` lists, as dotted paths, the keys of
 * the input that the schema does not declare (they are not in `config`); the platform refuses a
 * config that has any when an admin saves it, so that a misspelt setting is not silently ignored.
 */
export type ConfigParseResult<TConfig> =
  | { ok: true; config: TConfig; unknownKeys: string[] }
  | { ok: false; issues: ConfigIssue[]; message: string };

/** A validated plugin, as built by {@link definePlugin}: what a plugin package exports as `plugin`. */
export interface PluginDefinition<TConfig = unknown> {
  /** Marks objects built by the SDK (checked by the host). */
  readonly kind: 'waymark-plugin';
  /** Major version of the plugin contract this plugin was built against. */
  readonly sdkContract: 1;
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly category: PluginCategory;
  readonly description: string;
  readonly config: z.ZodType<TConfig>;
  /** JSON Schema (draft 2020-12) of the config, for the console form. */
  readonly configJsonSchema: Record<string, unknown>;
  readonly secrets: readonly SecretDeclaration[];
  readonly streams: readonly StreamDefinition<TConfig, unknown>[];
  readonly http: HttpPolicy;
  readonly webhook?: WebhookCapability<TConfig>;
  testConnection?(ctx: PluginContext<TConfig>): Promise<void>;
  /** Validates a config with readable, per-field issues. */
  parseConfig(input: unknown): ConfigParseResult<TConfig>;
  /** Like {@link PluginDefinition.parseConfig} but throws `config_invalid`. */
  assertConfig(input: unknown): TConfig;
  /** The stream called `name`; throws `not_supported` when there is none. */
  stream(name: string): StreamDefinition<TConfig, unknown>;
}

const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SEMVER_PATTERN = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/**
 * Defines a stream. Annotate the context to type the config, and pass a `cursor` schema (or
 * annotate `cursor`) to type the cursor.
 *
 * @example
 * ```ts
 * export const contacts = defineStream({
 *   name: 'contacts',
 *   description: 'CRM contacts, by last modification',
 *   cursor: z.object({ after: z.string() }),
 *   async *pull(ctx: PluginContext<TConfig>, cursor) {
 *     const page = await ctx.http.json(`${ctx.config.baseUrl}/contacts`, contactsPage, {
 *       searchParams: cursor ? { after: cursor.after } : {},
 *     });
 *     yield { events: page.results.map(toEvent), nextCursor: { after: page.next }, hasMore: page.next !== '' };
 *   },
 * });
 * ```
 */
export function defineStream<TConfig, TCursor>(stream: StreamDefinition<TConfig, TCursor>): StreamDefinition<TConfig, TCursor> {
  if (!ID_PATTERN.test(stream.name.replaceAll('_', '-'))) {
    throw new PluginError('plugin_invalid', `Stream name "${stream.name}" must be lower-case letters, digits, "-" or "_"`);
  }
  return stream;
}

/**
 * Defines a plugin: validates the declaration and adds the config helpers (`configJsonSchema`,
 * `parseConfig`, `assertConfig`) and stream lookup. A plugin package exports the result as
 * `plugin`.
 *
 * @throws {@link PluginError} `plugin_invalid` when the declaration is malformed.
 */
export function definePlugin<TConfig>(spec: PluginSpec<TConfig>): PluginDefinition<TConfig> {
  assertSpec(spec);
  const parseConfig = (input: unknown): ConfigParseResult<TConfig> => {
    const result = spec.config.safeParse(input);
    if (result.success) return { ok: true, config: result.data, unknownKeys: droppedKeys(input, result.data) };
    const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    return { ok: false, issues, message: `Invalid ${spec.name} configuration: ${formatIssues(result.error.issues)}` };
  };
  const definition: PluginDefinition<TConfig> = {
    kind: 'waymark-plugin',
    sdkContract: 1,
    id: spec.id,
    name: spec.name,
    version: spec.version,
    category: spec.category,
    description: spec.description,
    config: spec.config,
    configJsonSchema: z.toJSONSchema(spec.config, { io: 'input', unrepresentable: 'any' }),
    secrets: spec.secrets ?? [],
    streams: spec.streams,
    http: spec.http ?? {},
    parseConfig,
    assertConfig(input) {
      const result = parseConfig(input);
      if (result.ok) return result.config;
      throw new PluginError('config_invalid', result.message, { details: { issues: result.issues } });
    },
    stream(name) {
      const found = spec.streams.find((candidate) => candidate.name === name);
      if (found) return found;
      const known = spec.streams.map((candidate) => candidate.name).join(', ') || 'none';
      throw new PluginError('not_supported', `Plugin ${spec.id} has no stream "${name}" (streams: ${known})`);
    },
  };
  if (spec.webhook) return { ...definition, webhook: spec.webhook, ...testConnectionOf(spec) };
  return { ...definition, ...testConnectionOf(spec) };
}

function testConnectionOf<TConfig>(spec: PluginSpec<TConfig>): Pick<PluginDefinition<TConfig>, 'testConnection'> {
  const test = spec.testConnection;
  return test ? { testConnection: (ctx) => test.call(spec, ctx) } : {};
}

function assertSpec<TConfig>(spec: PluginSpec<TConfig>): void {
  const problems: string[] = [];
  if (!ID_PATTERN.test(spec.id)) problems.push(`id "${spec.id}" must be kebab-case (e.g. "crm-hubspot")`);
  if (!SEMVER_PATTERN.test(spec.version)) problems.push(`version "${spec.version}" must be semver (e.g. "1.0.0")`);
  if (spec.name.trim() === '') problems.push('name must not be empty');
  if (spec.streams.length === 0 && !spec.webhook) problems.push('declare at least one stream or a webhook');
  const streamNames = spec.streams.map((stream) => stream.name);
  const dupStream = streamNames.find((name, index) => streamNames.indexOf(name) !== index);
  if (dupStream !== undefined) problems.push(`stream "${dupStream}" is declared twice`);
  const secretKeys = (spec.secrets ?? []).map((secret) => secret.key);
  const dupSecret = secretKeys.find((key, index) => secretKeys.indexOf(key) !== index);
  if (dupSecret !== undefined) problems.push(`secret "${dupSecret}" is declared twice`);
  if (problems.length > 0) {
    throw new PluginError('plugin_invalid', `Plugin "${spec.id}" is invalid: ${problems.join('; ')}`);
  }
}
