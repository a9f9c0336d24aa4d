import { describe, expect, it } from 'vitest';
import { createPluginContext, createPluginLogger, isPluginDefinition } from '@waymark/plugin-sdk';
import { plugin } from './plugin.js';
import { TEST_CONFIG } from './test-support/fixtures.js';

const quiet = createPluginLogger({ level: 'silent' });

describe('survey-webhook definition', () => {
  it('is a push-only plugin declaring its webhook secret', () => {
    expect(isPluginDefinition(plugin)).toBe(true);
    expect(plugin.streams).toHaveLength(0);
    expect(plugin.secrets.map((secret) => secret.key)).toEqual(['webhookSecret']);
  });

  it('fails verification with secret_missing when no secret is configured', () => {
    const ctx = createPluginContext({ config: plugin.assertConfig(TEST_CONFIG), logger: quiet });
    expect(() => plugin.webhook?.verify({ headers: {}, rawBody: new Uint8Array() }, ctx)).toThrow(expect.objectContaining({ code: 'secret_missing' }));
  });

  it('reports a body that is not a Typeform payload as a rejected record', async () => {
    const ctx = createPluginContext({ config: plugin.assertConfig(TEST_CONFIG), logger: quiet });
    const result = await plugin.webhook?.parse({ hello: 'world' }, ctx);
    expect(result?.events).toEqual([]);
    expect(result?.rejected?.[0]?.reason).toContain('not a Typeform form_response payload');
  });
});
