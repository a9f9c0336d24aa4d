import { definePlugin, formatIssues, PluginError } from '@waymark/plugin-sdk';
import type { PluginContext, WebhookRequest, WebhookResult } from '@waymark/plugin-sdk';
import { surveyConfigSchema } from './config.js';
import type { SurveyConfig } from './config.js';
import { mapFormResponse } from './response-mapper.js';
import { isValidTypeformSignature } from './signature.js';
import { webhookPayloadSchema } from './typeform-payload.js';

export const SIGNATURE_HEADER = 'typeform-signature';

function verify(request: WebhookRequest, ctx: PluginContext<SurveyConfig>): boolean {
  const secret = ctx.secrets.webhookSecret;
  if (secret === undefined || secret === '') {
    throw new PluginError('secret_missing', 'Set the webhook secret (the same value as in the survey tool\'s webhook settings).');
  }
  const valid = isValidTypeformSignature(request.rawBody, request.headers[SIGNATURE_HEADER], secret);
  if (!valid) ctx.logger.warn('rejected a survey webhook delivery with a missing or wrong signature');
  return valid;
}

function parse(body: unknown, ctx: PluginContext<SurveyConfig>): WebhookResult {
  const payload = webhookPayloadSchema.safeParse(body);
  if (!payload.success) {
    return { events: [], rejected: [{ reason: `not a Typeform form_response payload: ${formatIssues(payload.error.issues)}`, payload: body }] };
  }
  const mapped = mapFormResponse(payload.data.form_response, ctx.config);
  return mapped.ok ? { events: [mapped.event] } : { events: [], rejected: [mapped.rejected] };
}

export const plugin = definePlugin<SurveyConfig>({
  id: 'survey-webhook',
  name: 'Survey webhook (Typeform-style)',
  version: '0.1.0',
  category: 'survey',
  description: 'Receives NPS, CSAT and CES survey responses pushed by survey tools (Typeform-style payloads) and verifies their HMAC signature.',
  config: surveyConfigSchema,
  secrets: [
    {
      key: 'webhookSecret',
      label: 'Webhook secret',
      description: 'The secret set on the survey tool\'s webhook; deliveries are verified with HMAC-SHA256 over the raw body.',
      required: true,
    },
  ],
  streams: [],
  webhook: { verify, parse },
});
