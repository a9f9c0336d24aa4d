import { z } from 'zod';

// The subset of Typeform's webhook payload the plugin reads; unknown fields pass through.
const fieldSchema = z.object({ id: z.string(), type: z.string(), ref: z.string().optional() });

const answerSchema = z.object({
  type: z.string(),
  field: fieldSchema,
  number: z.number().optional(),
  text: z.string().optional(),
  email: z.string().optional(),
  phone_number: z.string().optional(),
  boolean: z.boolean().optional(),
  choice: z.object({ label: z.string().optional() }).optional(),
});

export const formResponseSchema = z.object({
  form_id: z.string(),
  token: z.string().min(1),
  submitted_at: z.iso.datetime({ offset: true }),
  landed_at: z.string().optional(),
  hidden: z.record(z.string(), z.string()).default({}),
  answers: z.array(answerSchema).default([]),
});

export const webhookPayloadSchema = z.object({
  event_id: z.string(),
  event_type: z.string(),
  form_response: formResponseSchema,
});

export type TypeformAnswer = z.output<typeof answerSchema>;
export type TypeformResponse = z.output<typeof formResponseSchema>;
export type TypeformPayload = z.output<typeof webhookPayloadSchema>;
