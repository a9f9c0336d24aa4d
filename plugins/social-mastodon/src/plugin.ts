import { definePlugin } from '@waymark/plugin-sdk';
import type { PluginContext } from '@waymark/plugin-sdk';
import { mastodonConfigSchema } from './config.js';
import type { MastodonConfig } from './config.js';
import { mastodonClient, waitBeforeRetry } from './mastodon-client.js';
import { mentions } from './streams/mentions.js';

export const plugin = definePlugin<MastodonConfig>({
  id: 'social-mastodon',
  name: 'Mastodon',
  version: '0.1.0',
  category: 'social',
  description: 'Imports mentions of and replies to the brand account from a Mastodon instance, scored for sentiment (AFINN); strongly negative ones become complaints.',
  config: mastodonConfigSchema,
  secrets: [
    {
      key: 'accessToken',
      label: 'Access token',
      description: 'Token of the brand account (Preferences → Development → New application) with the read:notifications and read:accounts scopes.',
      required: true,
    },
  ],
  streams: [mentions],
  async testConnection(ctx: PluginContext<MastodonConfig>) {
    const client = mastodonClient(ctx);
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.v1.accounts.verifyCredentials();
        return;
      } catch (error) {
        await waitBeforeRetry(ctx, error, attempt);
      }
    }
  },
});
