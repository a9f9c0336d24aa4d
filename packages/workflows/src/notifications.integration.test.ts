import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { changeAlertStatus, keyringFromEnv, webhookRepository } from '@waymark/db';
import type { Db } from '@waymark/db';
import { createTestDatabase } from '@waymark/db/testing';
import type { TestDatabase } from '@waymark/db/testing';
import { createPluginRegistry } from '@waymark/plugin-host';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActivities } from './activities.js';
import { startKpiWatch } from './kpi-watch/client.js';
import { notificationDeliveryWorkflow } from './notification-delivery.workflow.js';
import { deliveryWorkflowId, startNotificationDeliveries } from './notifications/client.js';
import { envSecretsDecryptor } from './plugin-sync/secrets.js';
import { TASK_QUEUE } from './task-queue.js';
import { daysBefore, insertEvents, seedJourney } from './test-support/fixtures.js';
import { startTemporal } from './test-support/temporal.js';
import { bundleWorkflows, createTestWorker } from './test-support/worker.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const NOW = new Date('2026-06-30T12:00:00Z');
const secretsEnv = { WAYMARK_SECRETS_KEY: randomBytes(32).toString('base64') };
const keyring = keyringFromEnv(secretsEnv);
let clock = NOW;
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let db: Db;
let worker: Worker;
let running: Promise<void>;
let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
// Status codes the receiver answers with, one per request; 200 once they run out.
let answers: number[] = [];

beforeAll(async () => {
  let bundle;
  [env, bundle, database] = await Promise.all([startTemporal(), bundleWorkflows(), createTestDatabase('postgres')]);
  db = database.db;
  const activities = createActivities({
    db,
    plugins: await createPluginRegistry({ appDir: false, bundled: false }),
    ingestPage: () => Promise.reject(new Error('no plugin syncs in this file')),
    decryptSecrets: envSecretsDecryptor(secretsEnv),
    workerName: 'test',
    now: () => clock,
  });
  worker = await createTestWorker(env, bundle, activities);
  running = worker.run();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answers.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : `receiver says ${status}`);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/T000/secret-path`;
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.drop();
  await new Promise((resolve) => receiver?.close(resolve));
});

beforeEach(() => {
  received = [];
  answers = [];
  clock = NOW;
});

async function breachingWorkspace() {
  const seeded = await seedJourney(db, ['Stay'], [{ key: 'front-desk', stage: 'Stay', channel: 'front_desk', ownerTeam: 'ops' }]);
  const tp = seeded.touchpoints.get('front-desk') ?? '';
  await db.query(
    `INSERT INTO kpi_thresholds (id, workspace_id, touchpoint_id, metric, direction, value, window_days, min_sample) VALUES (gen_random_uuid(), $1::uuid, $2::uuid, 'CSAT', 'BELOW', 70, 7, 5)`,
    [seeded.workspaceId, tp],
  );
  await insertEvents(db, seeded.workspaceId, Array.from({ length: 5 }, () => ({ touchpointId: tp, occurredAt: daysBefore(NOW, 2), csat: 2 })));
  return { workspaceId: seeded.workspaceId, touchpointId: tp };
}

async function delivery(id: string) {
  const [row] = await db.query<{ status: string; attempts: number; response_status: number | null; error: string | null; event: string }>(
    'SELECT status::text AS status, attempts, response_status, error, event FROM notification_deliveries WHERE id = $1::uuid',
    [id],
  );
  return row;
}

function verify(signature: string | string[] | undefined, secret: string, body: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(signature));
  if (!match) return false;
  return createHmac('sha256', secret).update(`${match[1]}.${body}`).digest('hex') === match[2];
}

async function deliverNow(deliveryId: string, maximumAttempts: number) {
  const handle = await env.client.workflow.start(notificationDeliveryWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: deliveryWorkflowId(deliveryId),
    args: [{ deliveryId, retry: { initialIntervalMs: 50, maximumAttempts } }],
  });
  return handle.result();
}

async function openAlertId(workspaceId: string): Promise<string> {
  const [alert] = await db.query<{ id: string }>(`SELECT id FROM alerts WHERE workspace_id = $1::uuid AND status = 'OPEN'`, [workspaceId]);
  return alert?.id ?? '';
}

describe('alert notifications', () => {
  it('sends a signed alert.opened when the KPI watch opens an alert, and alert.resolved on recovery', async () => {
    const { workspaceId, touchpointId } = await breachingWorkspace();
    const { webhook, signingSecret } = await webhookRepository(db.prisma, workspaceId).create({ name: 'Ops channel', url: receiverUrl, events: ['ALERT_OPENED', 'ALERT_RESOLVED'] }, keyring);
    expect(webhook.urlHint).toBe(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/…`);

    const result = await (await startKpiWatch(env.client, { workspaceId })).result();
    expect(result).toMatchObject({ opened: 1, deliveryIds: [expect.any(String)] });
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
    const [opened] = received;
    expect(opened?.headers['waymark-event']).toBe('alert.opened');
    expect(opened?.headers['waymark-delivery']).toBe(result.deliveryIds[0]);
    expect(verify(opened?.headers['waymark-signature'], signingSecret, opened?.body ?? '')).toBe(true);
    expect(verify(opened?.headers['waymark-signature'], 'whsec_other', opened?.body ?? '')).toBe(false);
    const body = JSON.parse(opened?.body ?? '{}');
    expect(body).toMatchObject({
      id: result.deliveryIds[0],
      type: 'alert.opened',
      occurredAt: NOW.toISOString(),
      alert: { status: 'OPEN', metric: 'CSAT', value: 0, threshold: 70, direction: 'BELOW', sampleSize: 5, touchpoint: { id: touchpointId, key: 'front-desk', channel: 'front_desk' } },
      text: 'CSAT at front-desk is 0, below its threshold 70 (sample of 5): alert opened.',
    });
    await expect.poll(async () => (await delivery(result.deliveryIds[0] ?? ''))?.status).toBe('DELIVERED');
    expect(await delivery(result.deliveryIds[0] ?? '')).toMatchObject({ attempts: 1, response_status: 200, error: null });

    clock = new Date(NOW.getTime() + 7 * 86_400_000);
    await insertEvents(db, workspaceId, Array.from({ length: 5 }, () => ({ touchpointId, occurredAt: daysBefore(clock, 1), csat: 5 })));
    const recovered = await (await startKpiWatch(env.client, { workspaceId })).result();
    expect(recovered).toMatchObject({ resolved: 1, deliveryIds: [expect.any(String)] });
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
    expect(JSON.parse(received[1]?.body ?? '{}')).toMatchObject({ type: 'alert.resolved', alert: { status: 'RESOLVED', resolvedAt: clock.toISOString() } });
  });

  it('queues nothing for webhooks not subscribed to the event, paused, or of another workspace', async () => {
    const { workspaceId } = await breachingWorkspace();
    const other = await breachingWorkspace();
    const repo = webhookRepository(db.prisma, workspaceId);
    await repo.create({ name: 'Resolved only', url: receiverUrl, events: ['ALERT_RESOLVED'] }, keyring);
    const paused = await repo.create({ name: 'Paused', url: receiverUrl, events: ['ALERT_OPENED'] }, keyring);
    await repo.update(paused.webhook.id, { enabled: false }, keyring);
    await webhookRepository(db.prisma, other.workspaceId).create({ name: 'Theirs', url: receiverUrl, events: ['ALERT_OPENED'] }, keyring);

    const result = await (await startKpiWatch(env.client, { workspaceId })).result();
    expect(result).toMatchObject({ opened: 1, deliveryIds: [] });
    const rows = await db.query('SELECT id FROM notification_deliveries WHERE workspace_id = $1::uuid', [workspaceId]);
    expect(rows).toHaveLength(0);
  });

  it('retries a receiver that answers 503, then delivers once; the delivery id stays the same', async () => {
    const { workspaceId } = await breachingWorkspace();
    await webhookRepository(db.prisma, workspaceId).create({ name: 'Flaky', url: receiverUrl, events: ['ALERT_OPENED', 'ALERT_ACKNOWLEDGED'] }, keyring);
    await db.query(`INSERT INTO alerts (id, workspace_id, touchpoint_id, threshold_id, metric, status, value, threshold, sample_size, opened_at)
      SELECT gen_random_uuid(), workspace_id, touchpoint_id, id, metric, 'OPEN', 10, value, 5, now() FROM kpi_thresholds WHERE workspace_id = $1::uuid`, [workspaceId]);
    const change = await changeAlertStatus(db, workspaceId, await openAlertId(workspaceId), 'ACKNOWLEDGED');
    expect(change.deliveryIds).toHaveLength(1);
    const [id = ''] = change.deliveryIds;
    answers = [503, 503];
    expect(await deliverNow(id, 5)).toEqual({ status: 'DELIVERED' });
    expect(received.map((r) => r.headers['waymark-delivery'])).toEqual([id, id, id]);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(await delivery(id)).toMatchObject({ status: 'DELIVERED', attempts: 3, response_status: 200, error: null, event: 'alert.acknowledged' });
  });

  it('fails at once on a 404, and after its last retry on a receiver that stays down, keeping why', async () => {
    const { workspaceId } = await breachingWorkspace();
    await webhookRepository(db.prisma, workspaceId).create({ name: 'Gone', url: receiverUrl, events: ['ALERT_OPENED'] }, keyring);
    const [first = '', second = ''] = [await queueOpened(workspaceId), await queueOpened(workspaceId)];

    answers = [404];
    expect(await deliverNow(first, 5)).toEqual({ status: 'FAILED' });
    expect(received).toHaveLength(1);
    expect(await delivery(first)).toMatchObject({ status: 'FAILED', attempts: 1, response_status: 404, error: 'HTTP 404: receiver says 404' });

    answers = [502, 502, 502];
    expect(await deliverNow(second, 2)).toEqual({ status: 'FAILED' });
    expect(await delivery(second)).toMatchObject({ status: 'FAILED', attempts: 2, response_status: 502, error: 'HTTP 502: receiver says 502' });
    expect(received).toHaveLength(3);
  });

  it('does not send a delivery queued before its webhook was paused, and starting one twice sends it once', async () => {
    const { workspaceId } = await breachingWorkspace();
    const { webhook } = await webhookRepository(db.prisma, workspaceId).create({ name: 'Later paused', url: receiverUrl, events: ['ALERT_OPENED'] }, keyring);
    const paused = await queueOpened(workspaceId);
    const twice = await queueOpened(workspaceId);

    await startNotificationDeliveries(env.client, [twice, twice]);
    await env.client.workflow.getHandle(deliveryWorkflowId(twice)).result();
    expect(received).toHaveLength(1);
    await startNotificationDeliveries(env.client, [twice]);
    expect(received).toHaveLength(1);

    await webhookRepository(db.prisma, workspaceId).update(webhook.id, { enabled: false }, keyring);
    expect(await deliverNow(paused, 3)).toEqual({ status: 'SKIPPED' });
    expect(await delivery(paused)).toMatchObject({ status: 'FAILED', attempts: 0, error: 'The webhook was paused before this was sent.' });
    expect(received).toHaveLength(1);
  });

  it('has the KPI watch start deliveries whose workflow never started', async () => {
    const { workspaceId } = await breachingWorkspace();
    await webhookRepository(db.prisma, workspaceId).create({ name: 'Stranded', url: receiverUrl, events: ['ALERT_OPENED'] }, keyring);
    const stranded = await queueOpened(workspaceId);
    await db.query(`UPDATE notification_deliveries SET created_at = $2::timestamptz WHERE id = $1::uuid`, [stranded, new Date(NOW.getTime() - 11 * 60_000).toISOString()]);
    const result = await (await startKpiWatch(env.client, { workspaceId })).result();
    expect(result.deliveryIds).toContain(stranded);
    await expect.poll(async () => (await delivery(stranded))?.status, { timeout: 15_000 }).toBe('DELIVERED');
  });
});

// A delivery of an alert.opened queued as the KPI watch queues it, without starting its workflow.
async function queueOpened(workspaceId: string): Promise<string> {
  const { queueAlertNotifications } = await import('@waymark/db');
  const alertId = randomUUID();
  await db.query(`INSERT INTO alerts (id, workspace_id, touchpoint_id, threshold_id, metric, status, value, threshold, sample_size, opened_at)
    SELECT $2::uuid, workspace_id, touchpoint_id, id, metric, 'RESOLVED', 10, value, 5, now() FROM kpi_thresholds WHERE workspace_id = $1::uuid`, [workspaceId, alertId]);
  const [id = ''] = await db.transaction((tx) => queueAlertNotifications(tx, workspaceId, alertId, 'ALERT_OPENED', NOW));
  return id;
}
