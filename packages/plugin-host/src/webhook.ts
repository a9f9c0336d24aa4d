import { PluginError, validateEvent } from '@waymark/plugin-sdk';
import type { FetchLike, IdentityLink, NormalizedEvent, PluginDefinition, PluginLogger, PluginSecrets, RejectedRecord, WebhookRequest } from '@waymark/plugin-sdk';
import { hostContext } from './run-stream.js';

/** Input of {@link receiveWebhook}. */
export interface WebhookInput {
  plugin: PluginDefinition;
  config: unknown;
  secrets: PluginSecrets;
  request: WebhookRequest;
  logger?: PluginLogger;
  fetch?: FetchLike;
}

/** A verified delivery's validated content, or a refusal. */
export type WebhookOutcome =
  | { verified: false }
  | { verified: true; events: NormalizedEvent[]; links: IdentityLink[]; rejected: RejectedRecord[] };

/**
 * Verifies a webhook delivery with the plugin, then parses and validates its events (invalid
 * ones become rejected records). Unverified deliveries are never parsed.
 *
 * @throws PluginError `not_supported` when the plugin has no webhook; `bad_record` when the body
 *   is not JSON.
 */
export async function receiveWebhook(input: WebhookInput): Promise<WebhookOutcome> {
  const webhook = input.plugin.webhook;
  if (!webhook) throw new PluginError('not_supported', `Plugin ${input.plugin.id} does not receive webhooks`);
  const ctx = hostContext(input, { webhook: true });
  if (!(await webhook.verify(input.request, ctx))) return { verified: false };
  const result = await webhook.parse(parseBody(input.request.rawBody), ctx);
  const events: NormalizedEvent[] = [];
  const rejected: RejectedRecord[] = [...(result.rejected ?? [])];
  for (const candidate of result.events) {
    const checked = validateEvent(candidate);
    if (checked.ok) events.push(checked.event);
    else rejected.push({ reason: `invalid event: ${checked.reason}`, payload: candidate });
  }
  return { verified: true, events, links: [...(result.links ?? [])], rejected };
}

function parseBody(rawBody: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(rawBody));
  } catch (error) {
    throw new PluginError('bad_record', 'Webhook body is not valid JSON', { cause: error });
  }
}
