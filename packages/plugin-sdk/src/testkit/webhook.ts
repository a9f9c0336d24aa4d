import type { WebhookRequest } from '../define-plugin.js';

/**
 * Builds a {@link WebhookRequest} for tests from a JSON body (serialised once, so signatures
 * computed over the returned `rawBody` stay valid) and headers.
 */
export function webhookRequest(body: unknown, headers: Record<string, string> = {}): WebhookRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return { headers: lower, rawBody: new TextEncoder().encode(raw) };
}
