import { createHmac } from 'node:crypto';
import type { AttemptOutcome } from '@waymark/db';

export const SEND_TIMEOUT_MS = 10_000;
const ERROR_BODY_CHARS = 300;

export interface WebhookRequest {
  url: string;
  signingSecret: string;
  deliveryId: string;
  event: string;
  payload: unknown;
}

export type PostFetch = (url: string, init: RequestInit) => Promise<Response>;

// Stripe-style: the timestamp is signed with the body, so a captured request cannot be replayed
// later with another date; receivers compare v1 with HMAC-SHA256(secret, "<t>.<raw body>").
export function signatureHeader(signingSecret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', signingSecret).update(`${t}.${body}`).digest('hex')}`;
}

// 408, 429 and 5xx say "try later"; any other 4xx will answer the same to the same body.
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

async function bodyExcerpt(response: Response): Promise<string> {
  const text = (await response.text()).trim().replace(/\s+/g, ' ');
  return text.length > ERROR_BODY_CHARS ? `${text.slice(0, ERROR_BODY_CHARS)}…` : text;
}

// One attempt. Never throws: every way it can go wrong becomes an outcome to record.
export async function postWebhook(request: WebhookRequest, options: { fetch?: PostFetch; now?: Date; timeoutMs?: number } = {}): Promise<AttemptOutcome> {
  const body = JSON.stringify(request.payload);
  const send = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await send(request.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? SEND_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Waymark-Webhooks/1',
        'waymark-event': request.event,
        'waymark-delivery': request.deliveryId,
        'waymark-signature': signatureHeader(request.signingSecret, body, options.now ?? new Date()),
      },
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const reason = timedOut ? `no answer within ${(options.timeoutMs ?? SEND_TIMEOUT_MS) / 1000} s` : `could not connect: ${causeOf(error)}`;
    return { delivered: false, responseStatus: null, error: reason, final: false };
  }
  if (response.ok) {
    await response.body?.cancel();
    return { delivered: true, responseStatus: response.status, error: null, final: false };
  }
  const excerpt = await bodyExcerpt(response);
  const redirect = response.status >= 300 && response.status < 400 ? ` (redirect to ${response.headers.get('location') ?? 'nowhere'}: give the final URL)` : '';
  return {
    delivered: false,
    responseStatus: response.status,
    error: `HTTP ${response.status}${redirect}${excerpt ? `: ${excerpt}` : ''}`,
    final: !isRetryableStatus(response.status),
  };
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}
