import { pino } from 'pino';

/** Structured fields attached to a log line. Never put secrets here (they are redacted anyway). */
export type LogFields = Record<string, unknown>;

/**
 * Structured logger given to plugins. Every line is one JSON object; the value of every declared
 * secret is replaced by `[REDACTED]` before the line is written.
 */
export interface PluginLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines all carry `bindings` (e.g. `{ stream: 'contacts' }`). */
  child(bindings: LogFields): PluginLogger;
}

/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Options of {@link createPluginLogger}. */
export interface PluginLoggerOptions {
  /** Secret values to redact from every line. Values shorter than 4 characters are ignored. */
  secrets?: readonly string[];
  /** Minimum level written. Default `info`. */
  level?: LogLevel;
  /** Receives each finished JSON line (with trailing newline). Default: standard output. */
  sink?: (line: string) => void;
  /** Fields bound to every line (e.g. `{ plugin: 'crm-hubspot' }`). */
  bindings?: LogFields;
}

/** Placeholder written instead of a secret value. */
export const REDACTED = '[REDACTED]';

/**
 * Creates a pino-backed {@link PluginLogger} that redacts secret values (also in their
 * JSON-escaped and URL-encoded forms) from every line, whatever field or message carries them.
 */
export function createPluginLogger(options: PluginLoggerOptions = {}): PluginLogger {
  const redact = secretRedactor(options.secrets ?? []);
  const sink = options.sink ?? ((line: string) => process.stdout.write(line));
  const base = pino(
    {
      level: options.level ?? 'info',
      base: options.bindings ?? {},
      hooks: { streamWrite: redact },
    },
    { write: sink },
  );
  return wrap(base);
}

/** Returns a function replacing every secret (raw, JSON-escaped, URL-encoded) by {@link REDACTED}. */
export function secretRedactor(secrets: readonly string[]): (text: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    needles.add(secret);
    needles.add(JSON.stringify(secret).slice(1, -1));
    needles.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret containing another is replaced whole.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((out, needle) => out.split(needle).join(REDACTED), text);
}

function wrap(logger: pino.Logger): PluginLogger {
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
    child: (bindings) => wrap(logger.child(bindings)),
  };
}
