import { z } from 'zod';
import { LOG_LEVELS } from '../common/observability/logger.js';
import { isByteSize } from './byte-size.js';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  NODE_ENV: z.string().default('development'),
  WAYMARK_ADMIN_TOKEN: z.string().min(16, 'WAYMARK_ADMIN_TOKEN must be at least 16 characters').optional(),
  WAYMARK_DEMO_DATA: flag.default(false),
  WAYMARK_DEMO_SCALE: z.coerce.number().positive().default(1),
  WAYMARK_CORS_ORIGINS: z.string().default('*'),
  WAYMARK_BODY_LIMIT: z.string().refine(isByteSize, 'WAYMARK_BODY_LIMIT must be a size such as 512kb or 16mb').default('16mb'),
  WAYMARK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  WAYMARK_MAX_DEPTH: z.coerce.number().int().positive().default(12),
  WAYMARK_MAX_COST: z.coerce.number().int().positive().default(20_000),
  WAYMARK_MAX_ALIASES: z.coerce.number().int().positive().default(30),
  // Path of a JSON object { "<sha256>": "<document>" }; with WAYMARK_TRUSTED_DOCUMENTS_ONLY=1 nothing else runs.
  WAYMARK_TRUSTED_DOCUMENTS: z.string().optional(),
  WAYMARK_TRUSTED_DOCUMENTS_ONLY: flag.default(false),
  // 32 random bytes in base64; seals integration secrets (previous keys, comma-separated, still decrypt).
  WAYMARK_SECRETS_KEY: z.string().optional(),
  WAYMARK_SECRETS_KEY_PREVIOUS: z.string().optional(),
  // Unset: info, or warn under NODE_ENV=test (tests read the request lines they need from a stream).
  WAYMARK_LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
});

export type ApiConfig = z.infer<typeof EnvSchema> & { production: boolean };

export function readApiConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ApiConfig> = {}): ApiConfig {
  // An empty variable counts as unset (compose files and shells often export VAR=).
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid API configuration: ${problems}`);
  }
  return { ...parsed.data, production: parsed.data.NODE_ENV === 'production', ...overrides };
}
