import { definePlugin } from '@waymark/plugin-sdk';
import type { PluginContext, StreamDefinition } from '@waymark/plugin-sdk';
import { hubspotConfigSchema } from './config.js';
import type { HubSpotConfig } from './config.js';
import { hubspotApi } from './hubspot-api.js';
import { calls, contacts, deals, emails, meetings, notes } from './streams/crm-streams.js';

// Streams are typed by their cursor; the plugin holds them as streams of unknown cursors.
const streams: StreamDefinition<HubSpotConfig, unknown>[] = [contacts, deals, calls, emails, meetings, notes];

export const plugin = definePlugin<HubSpotConfig>({
  id: 'crm-hubspot',
  name: 'HubSpot CRM',
  version: '0.1.0',
  category: 'crm',
  description: 'Imports HubSpot contacts as identities, closed-won deals as purchases or bookings, and calls, e-mails, meetings and notes as interactions.',
  config: hubspotConfigSchema,
  secrets: [
    {
      key: 'accessToken',
      label: 'Private app access token',
      description: 'Settings → Integrations → Private apps; scopes crm.objects.contacts.read, crm.objects.deals.read and the engagement read scopes.',
      required: true,
    },
  ],
  streams,
  async testConnection(ctx: PluginContext<HubSpotConfig>) {
    await hubspotApi(ctx).ping();
  },
});
