import { randomUUID } from 'node:crypto';
import type { Db } from '@waymark/db';
import type { ApiHarness } from './api-harness.js';

export const JOURNEY_INPUT = {
  name: 'Alpha resort stay',
  description: 'Alpha journey',
  stages: [
    { name: 'Awareness', touchpoints: [{ key: 'alpha.ad', name: 'Alpha ad', type: 'CONTACT', channel: 'social', mode: 'ONLINE', ownerTeam: 'Marketing', facts: { 'price.room': '189 EUR' } }] },
    { name: 'Purchase', touchpoints: [{ key: 'alpha.booking', name: 'Alpha booking', type: 'INTERACTION', channel: 'web', mode: 'ONLINE', monthlyCost: 100 }] },
  ],
};

export function event(index: number, overrides: Record<string, unknown> = {}) {
  return {
    source: 'test',
    externalId: `ev-${index}`,
    touchpointKey: 'alpha.booking',
    customerRef: `email:guest${index % 50}@example.com`,
    occurredAt: new Date(Date.UTC(2026, 9, 1) + index * 60_000).toISOString(),
    kind: index % 5 === 0 ? 'PURCHASE' : 'SURVEY',
    value: index % 5 === 0 ? 100 : null,
    csat: index % 5 === 0 ? null : (index % 5) + 1,
    ...overrides,
  };
}

export interface SeededWorkspace {
  journeyId: string;
  spareJourneyId: string;
  // A touchpoint with no events and in no initiative, which deleteTouchpoint may remove.
  spareTouchpointId: string;
  stageId: string;
  touchpointId: string;
  initiativeId: string;
  // An initiative with no evaluation, which deleteInitiative may remove.
  spareInitiativeId: string;
  evaluationId: string;
  auditId: string;
  integrationId: string;
  // An integration that never ran, which deleteIntegration may remove.
  spareIntegrationId: string;
  syncRunId: string;
  runningSyncRunId: string;
  alertId: string;
  thresholdId: string;
  spareThresholdId: string;
  spareTokenId: string;
  webhookId: string;
  // A webhook nothing else uses, which deleteNotificationWebhook may remove.
  spareWebhookId: string;
}

async function insert(db: Db, sql: string, params: unknown[]): Promise<string> {
  const rows = await db.query<{ id: string }>(`${sql} RETURNING id::text`, params);
  const id = rows[0]?.id;
  if (!id) throw new Error(`fixture insert returned nothing: ${sql}`);
  return id;
}

// One of everything in the harness's first workspace, created through the API where the API can,
// and through SQL for rows only workflows write (audits' findings, alerts, risks, sync runs).
export async function seedWorkspace(api: ApiHarness): Promise<SeededWorkspace> {
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const result = await api.gql<T>(api.adminToken, query, variables);
    if (result.errors || !result.data) throw new Error(`seed failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
  const { createJourney } = await gql<{ createJourney: { id: string; stages: { id: string; touchpoints: { id: string }[] }[] } }>(
    `mutation($input: JourneyInput!) { createJourney(input: $input) { id stages { id touchpoints { id } } } }`, { input: JOURNEY_INPUT });
  const spare = await gql<{ createJourney: { id: string } }>(`mutation { createJourney(input: { name: "Alpha spare", stages: [{ name: "Only" }] }) { id } }`);
  const stage = createJourney.stages[1]!;
  const touchpointId = stage.touchpoints[0]!.id;
  const spareTouchpoint = await gql<{ addTouchpoint: { id: string } }>(
    `mutation($s: ID!) { addTouchpoint(stageId: $s, input: { key: "alpha.spare-kiosk", name: "Alpha spare kiosk", type: CONTACT, channel: "on_site", mode: OFFLINE }) { id } }`, { s: stage.id });
  await gql(`mutation($events: [EventInput!]!) { ingestEvents(events: $events) { accepted } }`, { events: Array.from({ length: 20 }, (_, i) => event(i)) });
  const { createInitiative } = await gql<{ createInitiative: { id: string } }>(
    `mutation($input: InitiativeInput!) { createInitiative(input: $input) { id } }`,
    { input: { name: 'Alpha mobile check-in', touchpointIds: [touchpointId], startDate: '2026-10-01T00:00:00Z', cost: 5000 } });
  const spareInitiative = await gql<{ createInitiative: { id: string } }>(
    `mutation($input: InitiativeInput!) { createInitiative(input: $input) { id } }`,
    { input: { name: 'Alpha spare initiative', touchpointIds: [touchpointId], startDate: '2026-10-01T00:00:00Z', cost: 100 } });
  const { configureIntegration } = await gql<{ configureIntegration: { id: string } }>(
    `mutation($input: IntegrationInput!) { configureIntegration(input: $input) { id } }`,
    { input: { pluginId: 'file-import', name: 'Alpha import', config: { format: 'ndjson', path: '/tmp/alpha.ndjson', touchpointKey: 'alpha.booking', kind: 'VIEW' } } });
  const spareIntegration = await gql<{ configureIntegration: { id: string } }>(
    `mutation($input: IntegrationInput!) { configureIntegration(input: $input) { id } }`,
    { input: { pluginId: 'file-import', name: 'Alpha spare import', config: { format: 'csv', path: '/tmp/alpha-spare.csv', touchpointKey: 'alpha.booking', kind: 'VIEW' } } });
  const { setThreshold } = await gql<{ setThreshold: { id: string } }>(
    `mutation($input: ThresholdInput!) { setThreshold(input: $input) { id } }`, { input: { touchpointId, metric: 'CSAT', value: 80 } });
  const spareThreshold = await gql<{ setThreshold: { id: string } }>(
    `mutation($input: ThresholdInput!) { setThreshold(input: $input) { id } }`, { input: { touchpointId, metric: 'NPS', value: 10 } });
  const spareToken = await gql<{ createApiToken: { id: string } }>(`mutation { createApiToken(role: ANALYST, name: "Alpha spare token") { id } }`);
  // Port 9 (discard) is closed here: a test send fails fast with "could not connect".
  const webhookMutation = `mutation($input: NotificationWebhookInput!) { createNotificationWebhook(input: $input) { webhook { id } } }`;
  type CreatedHook = { createNotificationWebhook: { webhook: { id: string } } };
  const webhook = await gql<CreatedHook>(webhookMutation, { input: { name: 'Alpha ops channel', url: 'http://127.0.0.1:9/alpha-hook', events: ['ALERT_OPENED'] } });
  const spareWebhook = await gql<CreatedHook>(webhookMutation, { input: { name: 'Alpha spare hook', url: 'http://127.0.0.1:9/alpha-spare', events: ['ALERT_RESOLVED'] } });
  const ws = api.workspaceId;
  const db = api.test.db;
  const evaluationId = await insert(db, `INSERT INTO roi_evaluations (id, workspace_id, initiative_id, status, roi) VALUES ($1, $2, $3, 'COMPLETED', 0.5)`, [randomUUID(), ws, createInitiative.id]);
  const auditId = await insert(db, `INSERT INTO consistency_audits (id, workspace_id, journey_id, status) VALUES ($1, $2, $3, 'COMPLETED')`, [randomUUID(), ws, createJourney.id]);
  await insert(db, `INSERT INTO findings (id, workspace_id, audit_id, rule, severity, fingerprint, touchpoint_ids, evidence, change)
    VALUES ($1, $2, $3, 'coverage-no-owner', 'MEDIUM', 'fp', ARRAY[$4]::uuid[], '{"alpha": true}', 'NEW')`, [randomUUID(), ws, auditId, touchpointId]);
  const syncRunId = await insert(db, `INSERT INTO sync_runs (id, workspace_id, integration_id, status, pages, events) VALUES ($1, $2, $3, 'COMPLETED', 2, 10)`, [randomUUID(), ws, configureIntegration.id]);
  const runningSyncRunId = await insert(db, `INSERT INTO sync_runs (id, workspace_id, integration_id, status) VALUES ($1, $2, $3, 'RUNNING')`, [randomUUID(), ws, configureIntegration.id]);
  const alertId = await insert(db, `INSERT INTO alerts (id, workspace_id, touchpoint_id, threshold_id, metric, value, threshold, sample_size) VALUES ($1, $2, $3, $4, 'CSAT', 60, 80, 30)`, [randomUUID(), ws, touchpointId, setThreshold.id]);
  await insert(db, `INSERT INTO touchpoint_risks (id, workspace_id, journey_id, touchpoint_id, score, components) VALUES ($1, $2, $3, $4, 42, '{"negativeShare": 0.2, "complaintRate": 0.1, "kpiTrend": -5, "exposure": 0.8}')`, [randomUUID(), ws, createJourney.id, touchpointId]);
  return {
    journeyId: createJourney.id,
    spareJourneyId: spare.createJourney.id,
    stageId: stage.id,
    touchpointId,
    spareTouchpointId: spareTouchpoint.addTouchpoint.id,
    initiativeId: createInitiative.id,
    spareInitiativeId: spareInitiative.createInitiative.id,
    evaluationId,
    auditId,
    integrationId: configureIntegration.id,
    spareIntegrationId: spareIntegration.configureIntegration.id,
    webhookId: webhook.createNotificationWebhook.webhook.id,
    spareWebhookId: spareWebhook.createNotificationWebhook.webhook.id,
    syncRunId,
    runningSyncRunId,
    alertId,
    thresholdId: setThreshold.id,
    spareThresholdId: spareThreshold.setThreshold.id,
    spareTokenId: spareToken.createApiToken.id,
  };
}
