import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@waymark/db';
import { startHarness } from './test-support/api-harness.js';
import type { ApiHarness, GraphqlResponse } from './test-support/api-harness.js';
import { event, seedWorkspace } from './test-support/fixtures.js';
import type { SeededWorkspace } from './test-support/fixtures.js';

// Who may call a field: readers (ADMIN, EXECUTIVE, ANALYST), integration readers (+ PARTNER),
// everyone signed in, or ADMIN only.
type Access = 'read' | 'integrations' | 'signed-in' | 'admin';

interface Operation {
  field: string;
  access: Access;
  document: string;
  variables?: (s: SeededWorkspace) => Record<string, unknown>;
  // Whether the operation names rows of the first workspace (so another workspace must get NOT_FOUND/null).
  targetsRows?: boolean;
}

const WINDOW = { from: '2026-09-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };

const OPERATIONS: Operation[] = [
  { field: 'journeys', access: 'read', document: '{ journeys { id name } }' },
  { field: 'journey', access: 'read', document: 'query($id: ID!) { journey(id: $id) { id name } }', variables: (s) => ({ id: s.journeyId }), targetsRows: true },
  { field: 'touchpoints', access: 'read', document: 'query($j: ID) { touchpoints(journeyId: $j) { id name } }', variables: (s) => ({ j: s.journeyId }), targetsRows: true },
  { field: 'touchpoint', access: 'read', document: 'query($id: ID!) { touchpoint(id: $id) { id name facts } }', variables: (s) => ({ id: s.touchpointId }), targetsRows: true },
  { field: 'events', access: 'read', document: 'query($t: ID) { events(touchpointId: $t, first: 5) { nodes { id text } } }', variables: (s) => ({ t: s.touchpointId }), targetsRows: true },
  { field: 'kpi', access: 'read', document: 'query($s: KpiScope!, $w: TimeWindow!) { kpi(metric: CSAT, scope: $s, window: $w) { value sampleSize } }', variables: (s) => ({ s: { journeyId: s.journeyId }, w: WINDOW }), targetsRows: true },
  { field: 'kpiSeries', access: 'read', document: 'query($s: KpiScope!, $w: TimeWindow!) { kpiSeries(metric: VOLUME, scope: $s, window: $w, bucket: MONTH) { value sampleSize } }', variables: (s) => ({ s: { touchpointId: s.touchpointId }, w: WINDOW }), targetsRows: true },
  { field: 'funnel', access: 'read', document: 'query($j: ID!, $w: TimeWindow!) { funnel(journeyId: $j, window: $w) { stage { name } reached } }', variables: (s) => ({ j: s.journeyId, w: WINDOW }), targetsRows: true },
  { field: 'attribution', access: 'read', document: 'query($j: ID!, $w: TimeWindow!) { attribution(journeyId: $j, window: $w, model: LINEAR) { touchpoint { name } revenue } }', variables: (s) => ({ j: s.journeyId, w: WINDOW }), targetsRows: true },
  { field: 'heatmap', access: 'read', document: 'query($j: ID!, $w: TimeWindow!) { heatmap(journeyId: $j, window: $w) { stage { name } value } }', variables: (s) => ({ j: s.journeyId, w: WINDOW }), targetsRows: true },
  { field: 'plugins', access: 'integrations', document: '{ plugins { id } }' },
  { field: 'integrations', access: 'integrations', document: '{ integrations { id name } }' },
  { field: 'syncRuns', access: 'integrations', document: 'query($i: ID!) { syncRuns(integrationId: $i, first: 5) { nodes { id } } }', variables: (s) => ({ i: s.integrationId }), targetsRows: true },
  { field: 'syncRun', access: 'integrations', document: 'query($id: ID!) { syncRun(id: $id) { id pages } }', variables: (s) => ({ id: s.syncRunId }), targetsRows: true },
  { field: 'rejectedEvents', access: 'integrations', document: 'query($r: ID) { rejectedEvents(syncRunId: $r, first: 5) { nodes { reason } totalCount } }', variables: (s) => ({ r: s.syncRunId }), targetsRows: true },
  { field: 'audit', access: 'read', document: 'query($id: ID!) { audit(id: $id) { id findings { rule evidence } } }', variables: (s) => ({ id: s.auditId }), targetsRows: true },
  { field: 'audits', access: 'read', document: '{ audits(first: 5) { nodes { id journey { name } } } }' },
  { field: 'initiative', access: 'read', document: 'query($id: ID!) { initiative(id: $id) { id name } }', variables: (s) => ({ id: s.initiativeId }), targetsRows: true },
  { field: 'initiatives', access: 'read', document: '{ initiatives(first: 5) { nodes { id name latestEvaluation { roi } } } }' },
  { field: 'roiEvaluation', access: 'read', document: 'query($id: ID!) { roiEvaluation(id: $id) { id roi } }', variables: (s) => ({ id: s.evaluationId }), targetsRows: true },
  { field: 'alerts', access: 'read', document: '{ alerts { id touchpoint { name } } }' },
  { field: 'thresholds', access: 'read', document: '{ thresholds { id touchpoint { name } } }' },
  { field: 'riskRegister', access: 'read', document: 'query($j: ID!) { riskRegister(journeyId: $j) { score touchpoint { name } } }', variables: (s) => ({ j: s.journeyId }), targetsRows: true },
  { field: 'auditLog', access: 'read', document: '{ auditLog(first: 5) { nodes { action details } } }' },
  { field: 'workspace', access: 'signed-in', document: '{ workspace { id name conversionPreaggregation } }' },
  { field: 'me', access: 'signed-in', document: '{ me { role workspace { name } } }' },
  { field: 'apiTokens', access: 'admin', document: '{ apiTokens { id name } }' },
  { field: 'notificationWebhooks', access: 'read', document: '{ notificationWebhooks { id name urlHint lastDelivery { status } } }' },
  { field: 'notificationDeliveries', access: 'read', document: 'query($w: ID!) { notificationDeliveries(webhookId: $w, first: 5) { nodes { id event } } }', variables: (s) => ({ w: s.webhookId }), targetsRows: true },
  { field: 'createWorkspace', access: 'admin', document: 'mutation { createWorkspace(name: "Tenant") { workspace { id } adminToken } }' },
  { field: 'createApiToken', access: 'admin', document: 'mutation { createApiToken(role: ANALYST, name: "t") { id secret } }' },
  { field: 'setConversionPreaggregation', access: 'admin', document: 'mutation { setConversionPreaggregation(enabled: false) { id conversionPreaggregation } }' },
  { field: 'setStoreRawContacts', access: 'admin', document: 'mutation { setStoreRawContacts(enabled: false) { id storeRawContacts } }' },
  { field: 'revokeApiToken', access: 'admin', document: 'mutation($id: ID!) { revokeApiToken(id: $id) { id } }', variables: (s) => ({ id: s.spareTokenId }), targetsRows: true },
  { field: 'createJourney', access: 'admin', document: 'mutation { createJourney(input: { name: "J", stages: [{ name: "S" }] }) { id } }' },
  { field: 'updateTouchpoint', access: 'admin', document: 'mutation($id: ID!) { updateTouchpoint(id: $id, input: { ownerTeam: "Front office" }) { id ownerTeam } }', variables: (s) => ({ id: s.touchpointId }), targetsRows: true },
  { field: 'updateJourney', access: 'admin', document: 'mutation($id: ID!) { updateJourney(id: $id, input: { description: "Edited" }) { id description } }', variables: (s) => ({ id: s.journeyId }), targetsRows: true },
  { field: 'addTouchpoint', access: 'admin', document: 'mutation($s: ID!) { addTouchpoint(stageId: $s, input: { key: "added.tp", name: "Added", type: CONTACT, channel: "email", mode: ONLINE }) { id } }', variables: (s) => ({ s: s.stageId }), targetsRows: true },
  { field: 'deleteTouchpoint', access: 'admin', document: 'mutation($id: ID!) { deleteTouchpoint(id: $id) }', variables: (s) => ({ id: s.spareTouchpointId }), targetsRows: true },
  { field: 'deleteJourney', access: 'admin', document: 'mutation($id: ID!) { deleteJourney(id: $id) }', variables: (s) => ({ id: s.spareJourneyId }), targetsRows: true },
  { field: 'ingestEvents', access: 'admin', document: 'mutation($e: [EventInput!]!) { ingestEvents(events: $e) { accepted rejected { reason } } }', variables: () => ({ e: [event(1000)] }) },
  { field: 'retryRejectedEvents', access: 'admin', document: 'mutation($r: ID) { retryRejectedEvents(syncRunId: $r) { retried accepted stillRejected { reason } } }', variables: (s) => ({ r: s.syncRunId }), targetsRows: true },
  { field: 'configureIntegration', access: 'admin', document: 'mutation($i: ID) { configureIntegration(input: { id: $i, pluginId: "file-import", name: "Renamed", config: { format: "csv", path: "/tmp/a.csv", touchpointKey: "alpha.booking", kind: "VIEW" } }) { id } }', variables: (s) => ({ i: s.integrationId }), targetsRows: true },
  { field: 'deleteIntegration', access: 'admin', document: 'mutation($i: ID!) { deleteIntegration(id: $i) }', variables: (s) => ({ i: s.spareIntegrationId }), targetsRows: true },
  { field: 'testConnection', access: 'admin', document: 'mutation($i: ID!) { testConnection(integrationId: $i) { ok message } }', variables: (s) => ({ i: s.integrationId }), targetsRows: true },
  { field: 'runSync', access: 'admin', document: 'mutation($i: ID!) { runSync(integrationId: $i) { id } }', variables: (s) => ({ i: s.integrationId }), targetsRows: true },
  { field: 'cancelSync', access: 'admin', document: 'mutation($r: ID!) { cancelSync(syncRunId: $r) { id } }', variables: (s) => ({ r: s.runningSyncRunId }), targetsRows: true },
  { field: 'startConsistencyAudit', access: 'admin', document: 'mutation($j: ID!) { startConsistencyAudit(journeyId: $j) { id } }', variables: (s) => ({ j: s.journeyId }), targetsRows: true },
  { field: 'createInitiative', access: 'admin', document: 'mutation($t: ID!) { createInitiative(input: { name: "I", touchpointIds: [$t], startDate: "2026-10-01T00:00:00Z", cost: 10 }) { id } }', variables: (s) => ({ t: s.touchpointId }), targetsRows: true },
  { field: 'updateInitiative', access: 'admin', document: 'mutation($i: ID!) { updateInitiative(id: $i, input: { cost: 20 }) { id cost } }', variables: (s) => ({ i: s.initiativeId }), targetsRows: true },
  { field: 'createNotificationWebhook', access: 'admin', document: 'mutation { createNotificationWebhook(input: { name: "Matrix hook", url: "https://example.org/matrix", events: [ALERT_OPENED] }) { webhook { id } signingSecret } }' },
  { field: 'updateNotificationWebhook', access: 'admin', document: 'mutation($w: ID!) { updateNotificationWebhook(id: $w, input: { name: "Alpha ops channel" }) { id name } }', variables: (s) => ({ w: s.webhookId }), targetsRows: true },
  { field: 'testNotificationWebhook', access: 'admin', document: 'mutation($w: ID!) { testNotificationWebhook(id: $w) { id status error } }', variables: (s) => ({ w: s.webhookId }), targetsRows: true },
  { field: 'deleteNotificationWebhook', access: 'admin', document: 'mutation($w: ID!) { deleteNotificationWebhook(id: $w) }', variables: (s) => ({ w: s.spareWebhookId }), targetsRows: true },
  { field: 'deleteInitiative', access: 'admin', document: 'mutation($i: ID!) { deleteInitiative(id: $i) }', variables: (s) => ({ i: s.spareInitiativeId }), targetsRows: true },
  { field: 'startRoiEvaluation', access: 'admin', document: 'mutation($i: ID!) { startRoiEvaluation(initiativeId: $i) { id } }', variables: (s) => ({ i: s.initiativeId }), targetsRows: true },
  { field: 'ackAlert', access: 'admin', document: 'mutation($id: ID!) { ackAlert(id: $id) { id status } }', variables: (s) => ({ id: s.alertId }), targetsRows: true },
  { field: 'resolveAlert', access: 'admin', document: 'mutation($id: ID!) { resolveAlert(id: $id) { id status } }', variables: (s) => ({ id: s.alertId }), targetsRows: true },
  { field: 'setThreshold', access: 'admin', document: 'mutation($t: ID!) { setThreshold(input: { touchpointId: $t, metric: CES, value: 3 }) { id } }', variables: (s) => ({ t: s.touchpointId }), targetsRows: true },
  { field: 'schedules', access: 'read', document: '{ schedules { kind targetId targetName cron } }' },
  { field: 'schedule', access: 'read', document: 'query($j: ID) { schedule(kind: AUDIT, targetId: $j) { cron nextRuns } }', variables: (s) => ({ j: s.journeyId }), targetsRows: true },
  { field: 'setSchedule', access: 'admin', document: 'mutation($j: ID) { setSchedule(input: { kind: RISK, targetId: $j, cron: "0 6 * * *" }) { cron } }', variables: (s) => ({ j: s.journeyId }), targetsRows: true },
  // Another workspace's call addresses a schedule of its own workspace (the id holds the workspace).
  { field: 'removeSchedule', access: 'admin', document: 'mutation($j: ID) { removeSchedule(kind: RISK, targetId: $j) }', variables: (s) => ({ j: s.journeyId }) },
  { field: 'assessRisks', access: 'admin', document: 'mutation($j: ID!) { assessRisks(journeyId: $j) { score touchpoint { name } } }', variables: (s) => ({ j: s.journeyId }), targetsRows: true },
  { field: 'runKpiWatch', access: 'admin', document: 'mutation { runKpiWatch { checked opened } }' },
  { field: 'deleteThreshold', access: 'admin', document: 'mutation($id: ID!) { deleteThreshold(id: $id) }', variables: (s) => ({ id: s.spareThresholdId }), targetsRows: true },
];

const ALLOWED: Record<Access, readonly Role[]> = {
  read: ['ADMIN', 'EXECUTIVE', 'ANALYST'],
  integrations: ['ADMIN', 'EXECUTIVE', 'ANALYST', 'PARTNER'],
  'signed-in': ['ADMIN', 'EXECUTIVE', 'ANALYST', 'PARTNER'],
  admin: ['ADMIN'],
};

// A refused call yields no data: data is absent, null, or only nulls for nullable fields.
const noData = (result: GraphqlResponse): boolean => Object.values(result.data ?? {}).every((value) => value === null);

const codes = (result: GraphqlResponse): (string | undefined)[] => (result.errors ?? []).map((e) => e.extensions?.code);

describe('authorization across roles and workspaces', () => {
  let api: ApiHarness;
  let seed: SeededWorkspace;
  let tokens: Record<Role, string>;
  let other: { workspaceId: string; adminToken: string };
  // Everything that identifies the first workspace's data.
  let markers: string[];

  beforeAll(async () => {
    api = await startHarness();
    seed = await seedWorkspace(api);
    tokens = { ADMIN: api.adminToken, EXECUTIVE: await api.token('EXECUTIVE'), ANALYST: await api.token('ANALYST'), PARTNER: await api.token('PARTNER') };
    other = await api.otherWorkspace();
    markers = ['Alpha', ...Object.values(seed), api.workspaceId];
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('covers every query and mutation of the schema', async () => {
    const result = await api.gql<{ __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } } }>(
      api.adminToken, '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    const fields = [...result.data!.__schema.queryType.fields, ...result.data!.__schema.mutationType.fields].map((f) => f.name).filter((name) => name !== 'health');
    expect(OPERATIONS.map((op) => op.field).sort()).toEqual(fields.sort());
  });

  it('answers health without a token', async () => {
    expect((await api.gql(null, '{ health { status } }')).data).toEqual({ health: { status: 'ok' } });
  });

  for (const op of OPERATIONS) {
    it(`${op.field}: anonymous is UNAUTHENTICATED, another workspace sees nothing, roles get exactly their access`, async () => {
      const variables = op.variables?.(seed) ?? {};
      const anonymous = await api.gql(null, op.document, variables);
      expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
      expect(noData(anonymous)).toBe(true);

      const bogus = await api.gql(null, op.document, variables).then(() => api.gql('wmk_not-a-real-token-at-all', op.document, variables));
      expect(codes(bogus)).toEqual(['UNAUTHENTICATED']);

      const foreign = await api.gql(other.adminToken, op.document, variables);
      const leaked = markers.filter((marker) => JSON.stringify(foreign.data ?? null).includes(marker));
      expect(leaked, `${op.field} leaked data of another workspace`).toEqual([]);
      if (op.targetsRows && foreign.errors) expect(codes(foreign).every((code) => code === 'NOT_FOUND' || code === 'FORBIDDEN')).toBe(true);

      for (const role of ['EXECUTIVE', 'ANALYST', 'PARTNER', 'ADMIN'] as const) {
        const result = await api.gql(tokens[role], op.document, variables);
        if (ALLOWED[op.access].includes(role)) {
          expect(codes(result), `${role} should be allowed ${op.field}: ${JSON.stringify(result.errors)}`).not.toContain('FORBIDDEN');
          expect(codes(result)).not.toContain('UNAUTHENTICATED');
          // Work that needs Temporal (not running here) fails as UNAVAILABLE, never as something vaguer.
          for (const code of codes(result)) expect(['UNAVAILABLE'], `${op.field} as ${role}: ${JSON.stringify(result.errors)}`).toContain(code);
        } else {
          expect(codes(result), `${role} must not use ${op.field}`).toEqual(['FORBIDDEN']);
          expect(noData(result)).toBe(true);
        }
      }
    });
  }
});
