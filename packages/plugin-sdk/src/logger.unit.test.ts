import { describe, expect, it } from 'vitest';
import { createPluginLogger, REDACTED } from './index.js';

function capture(secrets: string[]) {
  const lines: string[] = [];
  const logger = createPluginLogger({ secrets, level: 'debug', sink: (line) => lines.push(line), bindings: { plugin: 'x' } });
  return { logger, lines };
}

describe('createPluginLogger', () => {
  it('writes one JSON object per line with level, message, bindings and fields', () => {
    const { logger, lines } = capture([]);
    logger.child({ stream: 'contacts' }).info('page fetched', { count: 3 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 30, msg: 'page fetched', plugin: 'x', stream: 'contacts', count: 3 });
  });

  it('redacts secret values wherever they appear: message, fields, nested, escaped, URL-encoded', () => {
    const secret = 'pat-na1-"s3cr3t"/+=';
    const { logger, lines } = capture([secret]);
    logger.warn(`token ${secret} refused`, { headers: { authorization: `Bearer ${secret}` } });
    logger.error('calling', { url: `https://api.example.com/?key=${encodeURIComponent(secret)}` });
    const text = lines.join('');
    expect(text).not.toContain('s3cr3t');
    expect(text.split(REDACTED)).toHaveLength(4);
  });

  it('ignores secrets too short to redact meaningfully', () => {
    const { logger, lines } = capture(['ab']);
    logger.info('tab table');
    expect(lines[0]).toContain('tab table');
  });

  it('respects the level', () => {
    const lines: string[] = [];
    const logger = createPluginLogger({ level: 'warn', sink: (line) => lines.push(line) });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['shown']);
  });
});
