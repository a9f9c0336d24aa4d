import { z } from 'zod';
import type { AuditSettings } from './types.js';

export const DEFAULT_AUDIT_SETTINGS: AuditSettings = { experienceThreshold: 15, minSample: 30, staleDays: 14, windowDays: 90 };

const settingsSchema = z.object({
  experienceThreshold: z.number().min(0).max(200).optional(),
  minSample: z.number().int().min(1).optional(),
  staleDays: z.number().int().min(1).max(3650).optional(),
  windowDays: z.number().int().min(1).max(3650).optional(),
});

export class AuditError extends Error {
  readonly code = 'INVALID_ARGUMENT';

  constructor(message: string) {
    super(message);
    this.name = 'AuditError';
  }
}

// Stored settings (consistency_audits.settings) over the SPEC defaults; bad values are refused by name.
export function parseAuditSettings(raw: unknown): AuditSettings {
  const parsed = settingsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`).join('; ');
    throw new AuditError(`Invalid audit settings: ${issues}`);
  }
  const settings = { ...DEFAULT_AUDIT_SETTINGS };
  if (parsed.data.experienceThreshold !== undefined) settings.experienceThreshold = parsed.data.experienceThreshold;
  if (parsed.data.minSample !== undefined) settings.minSample = parsed.data.minSample;
  if (parsed.data.staleDays !== undefined) settings.staleDays = parsed.data.staleDays;
  if (parsed.data.windowDays !== undefined) settings.windowDays = parsed.data.windowDays;
  return settings;
}
