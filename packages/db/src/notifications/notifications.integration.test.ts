import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyringFromEnv } from '../secrets/secrets.js';
import { DB_KINDS, createTestDatabase } from '../testing/index.js';
import type { TestDatabase } from '../testing/index.js';
import { pendingDelivery, unsentNotifications } from './deliveries.js';
import { changeAlertStatus } from './queue-notifications.js';
import { webhookRepository } from './webhook.repository.js';

const keyring = keyringFromEnv({ WAYMARK_SECRETS_KEY: randomBytes(32).toString('base64') });
const AT = new Date('2026-06-01T09:30:00.000Z');

describe.each(DB_KINDS)('alert notifications queued on %s', (kind) => {
  let t: TestDatabase;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const workspace = await t.db.prisma.workspace.create({ data: { name: 'Resort' } });
    ws = workspace.id;
  });
  afterAll(async () => {
    await t.drop();
  });

  async function openAlert(): Promise<string> {
    const journey = await t.db.prisma.journey.create({ data: { workspaceId: ws, name: `J ${Math.random()}` } });
    const stage = await t.db.prisma.stage.create({ data: { workspaceId: ws, journeyId: journey.id, name: 'Stay', position: 0 } });
    const touchpoint = await t.db.prisma.touchpoint.create({
      data: { workspaceId: ws, stageId: stage.id, key: `desk-${journey.id}`, name: 'Front desk', type: 'INTERACTION', channel: 'front_desk', mode: 'OFFLINE' },
    });
    const threshold = await t.db.prisma.kpiThreshold.create({ data: { workspaceId: ws, touchpointId: touchpoint.id, metric: 'NPS', direction: 'BELOW', value: 30 } });
    const alert = await t.db.prisma.alert.create({
      data: { workspaceId: ws, touchpointId: touchpoint.id, thresholdId: threshold.id, metric: 'NPS', value: 12.46, threshold: 30, sampleSize: 41, openedAt: AT },
    });
    return alert.id;
  }

  it('queues a delivery with the alert change for each subscribed, enabled webhook, and none for a repeat', async () => {
    const hooks = webhookRepository(t.db.prisma, ws);
    const ack = await hooks.create({ name: 'Ack', url: 'https://example.org/ack', events: ['ALERT_ACKNOWLEDGED', 'ALERT_RESOLVED'] }, keyring);
    await hooks.create({ name: 'Opened only', url: 'https://example.org/opened', events: ['ALERT_OPENED'] }, keyring);
    const alertId = await openAlert();

    const acked = await changeAlertStatus(t.db, ws, alertId, 'ACKNOWLEDGED', AT);
    expect(acked).toEqual({ changed: true, deliveryIds: [expect.any(String)] });
    const queued = await pendingDelivery(t.db, acked.deliveryIds[0] ?? '');
    expect(queued).toMatchObject({ workspaceId: ws, webhookId: ack.webhook.id, event: 'alert.acknowledged', attempts: 0, webhookEnabled: true });
    expect(queued?.payload).toMatchObject({
      id: acked.deliveryIds[0],
      type: 'alert.acknowledged',
      occurredAt: AT.toISOString(),
      workspace: { id: ws, name: 'Resort' },
      alert: { id: alertId, status: 'ACKNOWLEDGED', metric: 'NPS', value: 12.46, threshold: 30, direction: 'BELOW', sampleSize: 41, acknowledgedAt: AT.toISOString(), touchpoint: { name: 'Front desk', channel: 'front_desk' } },
      text: 'NPS at Front desk is 12.5, below its threshold 30 (sample of 41): alert acknowledged.',
    });
    expect(await changeAlertStatus(t.db, ws, alertId, 'ACKNOWLEDGED', AT)).toEqual({ changed: false, deliveryIds: [] });

    const resolved = await changeAlertStatus(t.db, ws, alertId, 'RESOLVED', AT);
    expect(resolved.deliveryIds).toHaveLength(1);
    await expect(changeAlertStatus(t.db, ws, alertId, 'ACKNOWLEDGED', AT)).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/resolved already/) });
    const [row] = await t.db.query<{ status: string }>('SELECT status::text AS status FROM alerts WHERE id = $1', [alertId]);
    expect(row?.status).toBe('RESOLVED');
  });

  it('refuses an alert of another workspace and lists never-tried deliveries for the sweep', async () => {
    const other = await t.db.prisma.workspace.create({ data: { name: 'Other' } });
    const alertId = await openAlert();
    await expect(changeAlertStatus(t.db, other.id, alertId, 'RESOLVED', AT)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { deliveryIds } = await changeAlertStatus(t.db, ws, alertId, 'RESOLVED', AT);
    expect(deliveryIds.length).toBeGreaterThan(0);
    expect(await unsentNotifications(t.db, ws, new Date(AT.getTime() + 1))).toEqual(expect.arrayContaining(deliveryIds));
    expect(await unsentNotifications(t.db, ws, AT)).not.toEqual(expect.arrayContaining(deliveryIds));
    expect(await unsentNotifications(t.db, other.id, new Date(AT.getTime() + 1))).toEqual([]);
  });
});
