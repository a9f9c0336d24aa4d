import { integrationRepository, keyringFromEnv } from '@waymark/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';

const CONFIGURE = 'mutation($input: IntegrationInput!) { configureIntegration(input: $input) { id name config secretKeys } }';
const HUBSPOT_CONFIG = { touchpoints: { deals: 'web-booking' } };
const SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

interface Configured {
  configureIntegration: { id: string; name: string; config: Record<string, unknown>; secretKeys: string[] };
}

describe('configureIntegration checks what an admin saves', () => {
  let api: ApiHarness;
  const configure = (input: Record<string, unknown>) => api.gql<Configured>(api.adminToken, CONFIGURE, { input });
  const stored = (id: string) => integrationRepository(api.test.db.prisma, api.workspaceId).readSecrets(id, keyringFromEnv({ WAYMARK_SECRETS_KEY: SECRETS_KEY }));
  const integrations = async () => (await api.gql<{ integrations: { name: string }[] }>(api.adminToken, '{ integrations { name } }')).data?.integrations.map((i) => i.name);

  beforeAll(async () => {
    api = await startHarness({ WAYMARK_SECRETS_KEY: SECRETS_KEY });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('refuses a setting the plugin does not know, naming it, instead of dropping it', async () => {
    const answer = await configure({ pluginId: 'crm-hubspot', name: 'CRM', config: { ...HUBSPOT_CONFIG, pagesize: 50, touchpoints: { deal: 'web-booking' } }, secrets: { accessToken: 'pat-1' } });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'config', unknownKeys: ['touchpoints.deal', 'pagesize'] });
    expect(answer.errors?.[0]?.message).toMatch(/^HubSpot CRM has no setting "touchpoints.deal", "pagesize"; nothing was saved\. Its settings: baseUrl, touchpoints, .*pageSize/);
    expect(await integrations()).toEqual([]);
  });

  it('refuses a new integration without its required secret, or with a misspelt one', async () => {
    const none = await configure({ pluginId: 'crm-hubspot', name: 'CRM', config: HUBSPOT_CONFIG });
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'secrets' });
    expect(none.errors?.[0]?.message).toBe('HubSpot CRM needs its secret "Private app access token"; nothing was saved.');
    const misspelt = await configure({ pluginId: 'crm-hubspot', name: 'CRM', config: HUBSPOT_CONFIG, secrets: { acessToken: 'pat-1' } });
    expect(misspelt.errors?.[0]?.message).toContain('"acessToken" is not a secret of HubSpot CRM; it takes "accessToken"');
    expect(await integrations()).toEqual([]);
  });

  it('saves a complete one, keeps its secret on an update that sends none, and refuses an incomplete replacement', async () => {
    const created = await configure({ pluginId: 'crm-hubspot', name: 'CRM', config: HUBSPOT_CONFIG, secrets: { accessToken: 'pat-1' } });
    expect(created.errors).toBeUndefined();
    const id = created.data!.configureIntegration.id;
    expect(created.data!.configureIntegration.secretKeys).toEqual(['accessToken']);

    const renamed = await configure({ id, pluginId: 'crm-hubspot', name: 'HubSpot', config: HUBSPOT_CONFIG });
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.configureIntegration).toMatchObject({ name: 'HubSpot', secretKeys: ['accessToken'] });

    expect(await stored(id)).toEqual({ accessToken: 'pat-1' });

    const emptied = await configure({ id, pluginId: 'crm-hubspot', name: 'Broken', config: HUBSPOT_CONFIG, secrets: { accessToken: '' } });
    expect(emptied.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'secrets' });
    expect(await integrations()).toEqual(['HubSpot']);
    expect(await stored(id)).toEqual({ accessToken: 'pat-1' });
    const rotated = await configure({ id, pluginId: 'crm-hubspot', name: 'HubSpot', config: HUBSPOT_CONFIG, secrets: { accessToken: 'pat-2' } });
    expect(rotated.errors).toBeUndefined();
    expect(await stored(id)).toEqual({ accessToken: 'pat-2' });
  });

  it('keeps the stored secrets an update does not send', async () => {
    const config = { feedUrl: 'https://channel-manager.example.com/feed.ics', touchpointKey: 'web-booking' };
    const created = await configure({ pluginId: 'booking-ical', name: 'Feed', config, secrets: { feedPassword: 'p1' } });
    expect(created.errors).toBeUndefined();
    const id = created.data!.configureIntegration.id;
    const updated = await configure({ id, pluginId: 'booking-ical', name: 'Feed', config, secrets: {} });
    expect(updated.errors).toBeUndefined();
    expect(await stored(id)).toEqual({ feedPassword: 'p1' });
  });

  it('takes a plugin without secrets with none, and refuses one sent to it', async () => {
    const config = { format: 'csv', path: '/tmp/bookings.csv', touchpointKey: 'web-booking', kind: 'BOOKING' };
    const refused = await configure({ pluginId: 'file-import', name: 'Export', config, secrets: { token: 'x' } });
    expect(refused.errors?.[0]?.message).toBe('"token" is not a secret of CSV / NDJSON file import; it takes none; nothing was saved.');
    const saved = await configure({ pluginId: 'file-import', name: 'Export', config });
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.configureIntegration.config).toMatchObject({ ...config, delimiter: ',' });
  });
});
