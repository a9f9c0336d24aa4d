import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvents } from '../ingest/ingest-events.js';
import { reencryptAllSecrets } from '../secrets/rotate-secrets.js';
import { webhookRepository } from '../notifications/webhook.repository.js';
import { keyringFromEnv } from '../secrets/secrets.js';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import { customerRepository } from './customer.repository.js';
import { eventRepository } from './event.repository.js';
import { encodeIdCursor } from './id-cursor.js';
import { integrationRepository } from './integration.repository.js';
import { rejectedEventRepository } from './rejected-event.repository.js';
import { syncRunRepository } from './sync-run.repository.js';

const newKey = (): string => randomBytes(32).toString('base64');

describe.each(DB_KINDS)('data repositories on %s', (kind) => {
  let t: TestDatabase;
  let ws: string;
  let other: string;
  const keyring = keyringFromEnv({ WAYMARK_SECRETS_KEY: newKey() });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    ws = (await t.db.prisma.workspace.create({ data: { name: 'Repo' } })).id;
    other = (await t.db.prisma.workspace.create({ data: { name: 'Other' } })).id;
    const journey = await t.db.prisma.journey.create({ data: { workspaceId: ws, name: 'J' } });
    const stage = await t.db.prisma.stage.create({ data: { workspaceId: ws, journeyId: journey.id, name: 'S', position: 0 } });
    await t.db.prisma.touchpoint.create({ data: { workspaceId: ws, stageId: stage.id, key: 'web', name: 'Web', type: 'CONTACT', channel: 'web', mode: 'ONLINE' } });
  });
  afterAll(async () => {
    await t.drop();
  });

  it('stores integration secrets encrypted, never returns them, and decrypts them for the worker', async () => {
    const repo = integrationRepository(t.db.prisma, ws);
    const created = await repo.create({ name: 'CRM', pluginId: 'crm-hubspot', pluginVersion: '1.0.0', config: { portal: 7 }, secrets: { token: 'hs-123' }, schedule: '0 * * * *' }, keyring);
    expect(created).not.toHaveProperty('secrets');
    expect(created.hasSecrets).toBe(true);
    expect(JSON.stringify(await repo.list())).not.toContain('hs-123');
    expect(await t.db.prisma.integration.findFirst({ where: { id: created.id } })).not.toHaveProperty('secrets');
    const stored = await t.db.query<{ secrets: string }>('SELECT secrets FROM integrations WHERE id = $1', [created.id]);
    expect(stored[0]?.secrets).toMatch(/^wm1\./);
    expect(stored[0]?.secrets).not.toContain('hs-123');
    expect(await repo.readSecrets(created.id, keyring)).toEqual({ token: 'hs-123' });
    await expect(integrationRepository(t.db.prisma, other).readSecrets(created.id, keyring)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const updated = await repo.update(created.id, { enabled: false, secrets: { token: 'hs-456' } }, keyring);
    expect(updated.enabled).toBe(false);
    expect(await repo.readSecrets(created.id, keyring)).toEqual({ token: 'hs-456' });
  });

  it('stores a notification webhook URL and signing secret encrypted and never returns them', async () => {
    const repo = webhookRepository(t.db.prisma, ws);
    const url = 'https://hooks.slack.com/services/T0/B0/very-secret-path';
    const { webhook, signingSecret } = await repo.create({ name: 'Ops', url, events: ['ALERT_OPENED'] }, keyring);
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(webhook).toMatchObject({ name: 'Ops', urlHint: 'https://hooks.slack.com/…', events: ['ALERT_OPENED'], enabled: true });
    expect(webhook).not.toHaveProperty('target');
    const everything = JSON.stringify([await repo.list(), await t.db.prisma.notificationWebhook.findMany()]);
    expect(everything).not.toContain('very-secret-path');
    expect(everything).not.toContain(signingSecret);
    const [stored] = await t.db.query<{ target: string }>('SELECT target FROM notification_webhooks WHERE id = $1', [webhook.id]);
    expect(stored?.target).toMatch(/^wm1\./);
    expect(stored?.target).not.toContain('very-secret-path');
    expect(await repo.readTarget(webhook.id, keyring)).toEqual({ url, signingSecret });
    await expect(webhookRepository(t.db.prisma, other).readTarget(webhook.id, keyring)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await webhookRepository(t.db.prisma, other).list()).toEqual([]);

    // A new URL keeps the signing secret, so the receiver's verification does not change.
    const moved = await repo.update(webhook.id, { url: 'https://example.org/waymark', events: ['ALERT_OPENED', 'ALERT_RESOLVED'] }, keyring);
    expect(moved).toMatchObject({ urlHint: 'https://example.org/…', events: ['ALERT_OPENED', 'ALERT_RESOLVED'] });
    expect(await repo.readTarget(webhook.id, keyring)).toEqual({ url: 'https://example.org/waymark', signingSecret });
    expect(await repo.remove(webhook.id)).toBe(true);
  });

  it('re-encrypts every integration and webhook under a new key during a rotation', async () => {
    const repo = integrationRepository(t.db.prisma, ws);
    const { id } = await repo.create({ name: 'Webhook', pluginId: 'survey-webhook', pluginVersion: '1.0.0', secrets: { hmac: 'k' } }, keyring);
    const hook = await webhookRepository(t.db.prisma, ws).create({ name: 'Rotated', url: 'https://example.org/h', events: ['ALERT_RESOLVED'] }, keyring);
    await repo.create({ name: 'No secrets', pluginId: 'booking-ical', pluginVersion: '1.0.0' });
    const oldKey = keyring.current.key.toString('base64');
    const rotated = keyringFromEnv({ WAYMARK_SECRETS_KEY: newKey(), WAYMARK_SECRETS_KEY_PREVIOUS: oldKey });
    const first = await reencryptAllSecrets(t.db, rotated);
    expect(first).toEqual({ reencrypted: 3, alreadyCurrent: 0 });
    expect(await reencryptAllSecrets(t.db, rotated)).toEqual({ reencrypted: 0, alreadyCurrent: 3 });
    const onlyNew = keyringFromEnv({ WAYMARK_SECRETS_KEY: rotated.current.key.toString('base64') });
    expect(await repo.readSecrets(id, onlyNew)).toEqual({ hmac: 'k' });
    expect(await webhookRepository(t.db.prisma, ws).readTarget(hook.webhook.id, onlyNew)).toEqual({ url: 'https://example.org/h', signingSecret: hook.signingSecret });
  });

  it('tracks a sync run from queued to finished with page counters', async () => {
    const integration = await integrationRepository(t.db.prisma, ws).create({ name: 'Sync', pluginId: 'file-import', pluginVersion: '1.0.0' });
    const runs = syncRunRepository(t.db.prisma, ws);
    const run = await runs.create(integration.id);
    expect(run.status).toBe('QUEUED');
    await runs.start(run.id, 'sync-wf');
    await runs.addPage(run.id, { accepted: 10, duplicates: 2, rejected: 1 });
    await runs.addPage(run.id, { accepted: 5, duplicates: 0, rejected: 0 });
    const done = await runs.finish(run.id, 'COMPLETED');
    expect(done).toMatchObject({ status: 'COMPLETED', workflowId: 'sync-wf', pages: 2, events: 15, duplicates: 2, rejected: 1, error: null });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect((await runs.listForIntegration(integration.id)).map((r) => r.id)).toEqual([run.id]);
    expect(await syncRunRepository(t.db.prisma, other).find(run.id)).toBeNull();
  });

  it('lists events, rejected rows and stitched customers of the workspace only', async () => {
    const integration = await integrationRepository(t.db.prisma, ws).create({ name: 'Files', pluginId: 'file-import', pluginVersion: '1.0.0' });
    const run = await syncRunRepository(t.db.prisma, ws).create(integration.id);
    const at = '2026-03-01T10:00:00Z';
    await ingestEvents(t.db, ws, [
      { source: 'file', externalId: 'a', touchpointKey: 'web', customerRef: 'email:ana@example.com', occurredAt: at, kind: 'VIEW' },
      { source: 'file', externalId: 'b', touchpointKey: 'web', customerRef: 'crm:hubspot:1', occurredAt: at, kind: 'PURCHASE', value: 10 },
      { source: 'file', externalId: 'd', touchpointKey: 'nope', customerRef: 'crm:hubspot:2', occurredAt: at, kind: 'VIEW' },
    ], { syncRunId: run.id });
    // A later event links the two refs: their customers merge.
    await ingestEvents(t.db, ws, [
      { source: 'file', externalId: 'c', touchpointKey: 'web', customerRef: 'crm:hubspot:1', linkedRefs: ['email:ANA@example.com'], occurredAt: at, kind: 'VIEW' },
    ]);

    const events = eventRepository(t.db.prisma, ws);
    expect(await events.count({ source: 'file' })).toBe(3);
    const page = await events.list({ source: 'file' }, 2);
    expect(page.map((e) => e.externalId)).toEqual(['c', 'b', 'a']);
    const last = page[1];
    expect((await events.list({ source: 'file' }, 2, last ? encodeIdCursor(last.id) : null)).map((e) => e.externalId)).toEqual(['a']);
    expect(await eventRepository(t.db.prisma, other).count()).toBe(0);

    const rejected = rejectedEventRepository(t.db.prisma, ws);
    expect((await rejected.list({ syncRunId: run.id })).map((r) => [r.externalId, r.reason])).toEqual([['d', 'unknown touchpoint key "nope"']]);
    expect(await rejectedEventRepository(t.db.prisma, other).count()).toBe(0);

    const customers = customerRepository(t.db.prisma, ws);
    const ana = await customers.findByRef('email: Ana@Example.com');
    const refs = ana?.identities.map((i) => i.ref) ?? [];
    expect(refs).toHaveLength(2);
    expect(refs).toEqual(expect.arrayContaining(['crm:hubspot:1', expect.stringMatching(/^email:[0-9a-f]{64}$/)]));
    const a = await events.findByExternalId('file', 'a');
    const b = await events.findByExternalId('file', 'b');
    expect(a?.customerId).toBe(ana?.id);
    expect(b?.customerId).toBe(ana?.id);
    const merged = await t.db.prisma.customer.findFirst({ where: { workspaceId: ws, mergedIntoId: ana?.id ?? '' } });
    expect(merged).not.toBeNull();
    expect((await customers.find(merged?.id ?? ''))?.id).toBe(ana?.id);
    expect(await customerRepository(t.db.prisma, other).findByRef('email:ana@example.com')).toBeNull();
  });
});
