import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness } from '../../test-support/api-harness.js';
import type { ApiHarness } from '../../test-support/api-harness.js';
import { lastAuditEntry, refusal } from '../../test-support/answers.js';
import { JOURNEY_INPUT } from '../../test-support/fixtures.js';
import { startTemporalServer, startTestWorker } from '../../test-support/temporal-worker.js';
import type { RunningTestWorker } from '../../test-support/temporal-worker.js';

const SECRETS_KEY = randomBytes(32).toString('base64');
const CREATE = 'mutation($input: NotificationWebhookInput!) { createNotificationWebhook(input: $input) { signingSecret webhook { id name urlHint events enabled lastDelivery { id } } } }';
const UPDATE = 'mutation($id: ID!, $input: NotificationWebhookPatch!) { updateNotificationWebhook(id: $id, input: $input) { id name urlHint events enabled } }';
const TEST = 'mutation($id: ID!) { testNotificationWebhook(id: $id) { id event status attempts responseStatus error deliveredAt } }';
const LIST = '{ notificationWebhooks { id name urlHint events enabled lastDelivery { event status responseStatus } } }';
const DELIVERIES = 'query($id: ID!, $first: Int, $after: String) { notificationDeliveries(webhookId: $id, first: $first, after: $after) { nodes { id event status } pageInfo { endCursor hasNextPage } } }';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Created = { createNotificationWebhook: { signingSecret: string; webhook: { id: string; name: string; urlHint: string; events: string[]; enabled: boolean } } };

describe('notification webhooks', () => {
  let api: ApiHarness;
  let temporal: TestWorkflowEnvironment;
  let worker: RunningTestWorker;
  let receiver: Server;
  let base: string;
  let received: Received[] = [];
  let touchpointId: string;

  beforeAll(async () => {
    temporal = await startTemporalServer();
    api = await startHarness({ WAYMARK_SECRETS_KEY: SECRETS_KEY, TEMPORAL_ADDRESS: temporal.connection.options.address });
    worker = await startTestWorker(temporal, { db: api.test.db, secretsKey: SECRETS_KEY, now: () => new Date() });
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const status = req.url?.startsWith('/broken') ? 500 : 204;
        res.writeHead(status).end(status === 500 ? 'database down' : undefined);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const journey = await api.gql<{ createJourney: { stages: { touchpoints: { id: string }[] }[] } }>(api.adminToken,
      'mutation($input: JourneyInput!) { createJourney(input: $input) { stages { touchpoints { id } } } }', { input: JOURNEY_INPUT });
    touchpointId = journey.data!.createJourney.stages[0]!.touchpoints[0]!.id;
  }, 240_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await temporal?.teardown();
    await new Promise((resolve) => receiver?.close(resolve));
  }, 120_000);
  beforeEach(() => {
    received = [];
  });

  async function create(name: string, path: string, events: string[]): Promise<Created['createNotificationWebhook']> {
    const result = await api.gql<Created>(api.adminToken, CREATE, { input: { name, url: `${base}${path}`, events } });
    expect(result.errors).toBeUndefined();
    return result.data!.createNotificationWebhook;
  }

  function verify(headers: IncomingHttpHeaders, body: string, secret: string): boolean {
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers['waymark-signature']));
    return match !== null && createHmac('sha256', secret).update(`${match[1]}.${body}`).digest('hex') === match[2];
  }

  it('shows the signing secret once and never the URL, and says which field is wrong', async () => {
    const created = await create('Ops channel', '/hooks/T01/B02/secret-token', ['ALERT_OPENED', 'ALERT_OPENED', 'ALERT_RESOLVED']);
    expect(created.signingSecret).toMatch(/^whsec_/);
    expect(created.webhook).toMatchObject({ name: 'Ops channel', urlHint: `${base}/…`, events: ['ALERT_OPENED', 'ALERT_RESOLVED'], enabled: true });
    const list = await api.gql(api.adminToken, LIST);
    const executive = await api.gql(await api.token('EXECUTIVE'), LIST);
    expect(executive.data).toEqual(list.data);
    const audit = await lastAuditEntry(api);
    expect(audit?.action).toBe('webhook.create');
    for (const answer of [list, executive, audit]) {
      expect(JSON.stringify(answer)).not.toContain('secret-token');
      expect(JSON.stringify(answer)).not.toContain(created.signingSecret);
    }

    const bad = async (input: Record<string, unknown>) => api.gql(api.adminToken, CREATE, { input: { name: 'x', url: `${base}/x`, events: ['ALERT_OPENED'], ...input } });
    const ftp = await bad({ url: 'ftp://example.org/hook' });
    expect(ftp.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(ftp.errors?.[0]?.message).toBe('The webhook was not saved: url must be an absolute http:// or https:// URL, e.g. https://hooks.slack.com/services/….');
    expect((await bad({ url: 'hooks.slack.com/x' })).errors?.[0]?.extensions).toMatchObject({ field: 'url' });
    expect(refusal(await bad({ events: [] }))).toEqual(['BAD_USER_INPUT', 'The webhook was not saved: events must name at least one alert change to send.']);
    expect((await bad({ name: '  ' })).errors?.[0]?.extensions).toMatchObject({ field: 'name' });
    expect((await api.gql<{ notificationWebhooks: unknown[] }>(api.adminToken, LIST)).data?.notificationWebhooks).toHaveLength(1);

    const refused = await api.gql(await api.token('ANALYST'), CREATE, { input: { name: 'x', url: `${base}/x`, events: ['ALERT_OPENED'] } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('sends a signed test payload now and reports what the receiver answered', async () => {
    const good = await create('Receiver', '/ok', ['ALERT_OPENED']);
    const sent = await api.gql<{ testNotificationWebhook: Record<string, unknown> }>(api.adminToken, TEST, { id: good.webhook.id });
    expect(sent.data?.testNotificationWebhook).toMatchObject({ event: 'webhook.test', status: 'DELIVERED', attempts: 1, responseStatus: 204, error: null });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.headers).toMatchObject({ 'content-type': 'application/json', 'waymark-event': 'webhook.test', 'waymark-delivery': sent.data?.testNotificationWebhook.id });
    expect(verify(request!.headers, request!.body, good.signingSecret)).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({ type: 'webhook.test', workspace: { id: api.workspaceId }, text: expect.stringContaining('"Receiver"') });

    const broken = await create('Broken', '/broken', ['ALERT_OPENED']);
    const failed = await api.gql<{ testNotificationWebhook: Record<string, unknown> }>(api.adminToken, TEST, { id: broken.webhook.id });
    expect(failed.data?.testNotificationWebhook).toMatchObject({ status: 'FAILED', attempts: 1, responseStatus: 500, error: 'HTTP 500: database down', deliveredAt: null });
    const list = await api.gql<{ notificationWebhooks: { id: string; lastDelivery: unknown }[] }>(api.adminToken, LIST);
    expect(list.data?.notificationWebhooks.find((w) => w.id === broken.webhook.id)?.lastDelivery).toEqual({ event: 'webhook.test', status: 'FAILED', responseStatus: 500 });
  });

  it('keeps the signing secret when the URL changes, and pages the delivery history newest first', async () => {
    const hook = await create('Moving', '/old', ['ALERT_OPENED']);
    const moved = await api.gql<{ updateNotificationWebhook: Record<string, unknown> }>(api.adminToken, UPDATE, { id: hook.webhook.id, input: { url: `${base}/new`, enabled: true } });
    expect(moved.data?.updateNotificationWebhook).toMatchObject({ name: 'Moving', urlHint: `${base}/…`, events: ['ALERT_OPENED'] });
    for (let i = 0; i < 3; i += 1) await api.gql(api.adminToken, TEST, { id: hook.webhook.id });
    expect(received.map((r) => r.path)).toEqual(['/new', '/new', '/new']);
    expect(received.every((r) => verify(r.headers, r.body, hook.signingSecret))).toBe(true);

    type Page = { notificationDeliveries: { nodes: { id: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } };
    const first = await api.gql<Page>(api.adminToken, DELIVERIES, { id: hook.webhook.id, first: 2 });
    expect(first.data?.notificationDeliveries.pageInfo.hasNextPage).toBe(true);
    const second = await api.gql<Page>(api.adminToken, DELIVERIES, { id: hook.webhook.id, first: 2, after: first.data?.notificationDeliveries.pageInfo.endCursor });
    const ids = [...first.data!.notificationDeliveries.nodes, ...second.data!.notificationDeliveries.nodes].map((n) => n.id);
    expect(ids.reverse()).toEqual(received.map((r) => r.headers['waymark-delivery']));
    expect(second.data?.notificationDeliveries.pageInfo.hasNextPage).toBe(false);

    const unknown = await api.gql(api.adminToken, UPDATE, { id: randomUUID(), input: { enabled: false } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await api.gql(api.adminToken, 'mutation($id: ID!) { deleteNotificationWebhook(id: $id) }', { id: hook.webhook.id })).data).toEqual({ deleteNotificationWebhook: true });
    expect((await api.gql(api.adminToken, DELIVERIES, { id: hook.webhook.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('notifies subscribed webhooks through Temporal when someone acknowledges an alert, once', async () => {
    const hook = await create('Acks', '/acks', ['ALERT_ACKNOWLEDGED']);
    const paused = await create('Paused acks', '/paused', ['ALERT_ACKNOWLEDGED']);
    await api.gql(api.adminToken, UPDATE, { id: paused.webhook.id, input: { enabled: false } });
    const threshold = await api.gql<{ setThreshold: { id: string } }>(api.adminToken, 'mutation($input: ThresholdInput!) { setThreshold(input: $input) { id } }', { input: { touchpointId, metric: 'CSAT', value: 80 } });
    const [alert] = await api.test.db.query<{ id: string }>(
      `INSERT INTO alerts (id, workspace_id, touchpoint_id, threshold_id, metric, value, threshold, sample_size) VALUES ($1, $2, $3, $4, 'CSAT', 61.5, 80, 33) RETURNING id`,
      [randomUUID(), api.workspaceId, touchpointId, threshold.data!.setThreshold.id],
    );
    const ack = 'mutation($id: ID!) { ackAlert(id: $id) { id status } }';
    expect((await api.gql(api.adminToken, ack, { id: alert!.id })).data).toEqual({ ackAlert: { id: alert!.id, status: 'ACK' } });
    expect((await api.gql(api.adminToken, ack, { id: alert!.id })).data).toEqual({ ackAlert: { id: alert!.id, status: 'ACK' } });
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    const [request] = received;
    expect(request?.path).toBe('/acks');
    expect(verify(request!.headers, request!.body, hook.signingSecret)).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({ type: 'alert.acknowledged', alert: { id: alert!.id, status: 'ACKNOWLEDGED', metric: 'CSAT', value: 61.5 } });
    await expect.poll(async () => (await api.gql<{ notificationWebhooks: { id: string; lastDelivery: { status: string } | null }[] }>(api.adminToken, LIST))
      .data?.notificationWebhooks.find((w) => w.id === hook.webhook.id)?.lastDelivery?.status).toBe('DELIVERED');

    expect((await api.gql(api.adminToken, 'mutation($id: ID!) { resolveAlert(id: $id) { status } }', { id: alert!.id })).data).toEqual({ resolveAlert: { status: 'RESOLVED' } });
    expect(refusal(await api.gql(api.adminToken, ack, { id: alert!.id }))).toEqual(['BAD_USER_INPUT', 'This alert is resolved already: a breach found by the next KPI watch opens a new one.']);
    expect(received).toHaveLength(1);
  });
});
