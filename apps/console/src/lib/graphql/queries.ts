import type {
  Alert, AlertStatus, ApiToken, Audit, Bucket, Connection, FunnelStep, Initiative, Integration, Journey,
  JourneySummary, KpiPoint, KpiScope, KpiThreshold, KpiValue, ListedSchedule, Metric, NotificationDelivery, NotificationWebhook, PluginInfo, RejectedEvent, Schedule, ScheduleKind, SyncRun, TimeWindow,
  TouchpointDetail, TouchpointRisk, Viewer, WorkspaceSettings,
} from './types.js';
import {
  FINDING_FIELDS, NOTIFICATION_DELIVERY_FIELDS, NOTIFICATION_WEBHOOK_FIELDS, operation, RISK_FIELDS, ROI_FIELDS, SCHEDULE_FIELDS, SYNC_RUN_FIELDS, TOUCHPOINT_FIELDS, TOUCHPOINT_REF,
} from './operation.js';

export const ME = operation<{ me: Viewer }>('Me', `query Me { me { role workspace { id name } } }`);

export const JOURNEYS = operation<{ journeys: JourneySummary[] }>('Journeys', `query Journeys { journeys { id name } }`);

export const JOURNEY = operation<{ journey: Journey | null }, { id: string }>(
  'Journey',
  `query Journey($id: ID!) { journey(id: $id) { id name description
    stages { id name position touchpoints { ${TOUCHPOINT_FIELDS} } } } }`,
);

export const TOUCHPOINTS = operation<{ touchpoints: TouchpointDetail[] }, { journeyId?: string }>(
  'Touchpoints',
  `query Touchpoints($journeyId: ID) { touchpoints(journeyId: $journeyId) { ${TOUCHPOINT_FIELDS} stage { id name position } } }`,
);

export const TOUCHPOINT = operation<{ touchpoint: TouchpointDetail | null }, { id: string }>(
  'Touchpoint',
  `query Touchpoint($id: ID!) { touchpoint(id: $id) { ${TOUCHPOINT_FIELDS} stage { id name position } } }`,
);

export interface TouchpointEvent {
  id: string;
  occurredAt: string;
  kind: string;
  value: number | null;
  csat: number | null;
  nps: number | null;
  sentiment: number | null;
  text: string | null;
}

export const TOUCHPOINT_EVENTS = operation<{ events: Connection<TouchpointEvent> }, { touchpointId: string; first: number }>(
  'TouchpointEvents',
  `query TouchpointEvents($touchpointId: ID!, $first: Int!) { events(touchpointId: $touchpointId, first: $first) {
    nodes { id occurredAt kind value csat nps sentiment text } pageInfo { endCursor hasNextPage } } }`,
);

export const KPI = operation<{ kpi: KpiValue }, { metric: Metric; scope: KpiScope; window: TimeWindow }>(
  'Kpi',
  `query Kpi($metric: Metric!, $scope: KpiScope!, $window: TimeWindow!) { kpi(metric: $metric, scope: $scope, window: $window) { metric value sampleSize } }`,
);

export const KPI_SERIES = operation<
  { kpiSeries: KpiPoint[] },
  { metric: Metric; scope: KpiScope; window: TimeWindow; bucket: Bucket }
>(
  'KpiSeries',
  `query KpiSeries($metric: Metric!, $scope: KpiScope!, $window: TimeWindow!, $bucket: Bucket!) {
    kpiSeries(metric: $metric, scope: $scope, window: $window, bucket: $bucket) { bucketStart value sampleSize } }`,
);

export const FUNNEL = operation<{ funnel: FunnelStep[] }, { journeyId: string; window: TimeWindow }>(
  'Funnel',
  `query Funnel($journeyId: ID!, $window: TimeWindow!) { funnel(journeyId: $journeyId, window: $window) {
    stage { id name position } reached conversionFromPrevious dropOff } }`,
);

const ALERT_FIELDS = `id status metric value threshold openedAt touchpoint { ${TOUCHPOINT_REF} }`;

export const ALERTS = operation<{ alerts: Alert[] }, { status?: AlertStatus }>(
  'Alerts',
  `query Alerts($status: AlertStatus) { alerts(status: $status) { ${ALERT_FIELDS} } }`,
);

export const THRESHOLDS = operation<{ thresholds: KpiThreshold[] }, { touchpointId: string }>(
  'Thresholds',
  `query Thresholds($touchpointId: ID) { thresholds(touchpointId: $touchpointId) { id metric direction value windowDays minSample enabled } }`,
);

export const RISK_REGISTER = operation<{ riskRegister: TouchpointRisk[] }, { journeyId: string }>(
  'RiskRegister',
  `query RiskRegister($journeyId: ID!) { riskRegister(journeyId: $journeyId) { ${RISK_FIELDS} } }`,
);

// targetId is left out for KPI_WATCH, whose target is the workspace.
export const SCHEDULE = operation<{ schedule: Schedule | null }, { kind: ScheduleKind; targetId?: string }>(
  'Schedule',
  `query Schedule($kind: ScheduleKind!, $targetId: ID) { schedule(kind: $kind, targetId: $targetId) { ${SCHEDULE_FIELDS} } }`,
);

// Every recorded schedule of the workspace (of one kind, when given), with the name of what it runs for.
export const SCHEDULES = operation<{ schedules: ListedSchedule[] }, { kind?: ScheduleKind }>(
  'Schedules',
  `query Schedules($kind: ScheduleKind) { schedules(kind: $kind) { ${SCHEDULE_FIELDS} targetName } }`,
);

const AUDIT_FIELDS = `id status createdAt journey { id name } findings { ${FINDING_FIELDS} }`;

export const AUDITS = operation<{ audits: Connection<Audit> }, { first: number; after?: string }>(
  'Audits',
  `query Audits($first: Int!, $after: String) { audits(first: $first, after: $after) {
    nodes { ${AUDIT_FIELDS} } pageInfo { endCursor hasNextPage } } }`,
);

export const AUDIT = operation<{ audit: Audit | null }, { id: string }>(
  'Audit',
  `query Audit($id: ID!) { audit(id: $id) { ${AUDIT_FIELDS} } }`,
);

export const PLUGINS = operation<{ plugins: PluginInfo[] }>(
  'Plugins',
  `query Plugins { plugins { id name version category description configSchema supportsTestConnection
    secretFields { key label description required } } }`,
);

const INTEGRATION_FIELDS = `id name pluginId config secretKeys schedule enabled lastSyncRun { ${SYNC_RUN_FIELDS} }`;

export const INTEGRATIONS = operation<{ integrations: Integration[] }>(
  'Integrations',
  `query Integrations { integrations { ${INTEGRATION_FIELDS} } }`,
);

export const SYNC_RUNS = operation<{ syncRuns: Connection<SyncRun> }, { integrationId: string; first: number; after?: string }>(
  'SyncRuns',
  `query SyncRuns($integrationId: ID!, $first: Int!, $after: String) { syncRuns(integrationId: $integrationId, first: $first, after: $after) {
    nodes { ${SYNC_RUN_FIELDS} } pageInfo { endCursor hasNextPage } } }`,
);

export const SYNC_RUN = operation<{ syncRun: SyncRun | null }, { id: string }>(
  'SyncRun',
  `query SyncRun($id: ID!) { syncRun(id: $id) { ${SYNC_RUN_FIELDS} } }`,
);

export const REJECTED_EVENTS = operation<{ rejectedEvents: Connection<RejectedEvent> & { totalCount: number } }, { syncRunId: string; first: number }>(
  'RejectedEvents',
  `query RejectedEvents($syncRunId: ID!, $first: Int!) { rejectedEvents(syncRunId: $syncRunId, first: $first) {
    nodes { id index externalId reason retries retriedAt } totalCount pageInfo { endCursor hasNextPage } } }`,
);

export const INITIATIVES = operation<{ initiatives: Connection<Initiative> }, { first: number }>(
  'Initiatives',
  `query Initiatives($first: Int!) { initiatives(first: $first) { nodes { id name description startDate endDate cost updatedAt
    touchpoints { ${TOUCHPOINT_REF} } latestEvaluation { ${ROI_FIELDS} } } pageInfo { endCursor hasNextPage } } }`,
);

export const API_TOKENS = operation<{ apiTokens: ApiToken[] }>('ApiTokens', `query ApiTokens { apiTokens { id name role secret prefix createdAt lastUsedAt } }`);

export const WORKSPACE_SETTINGS = operation<{ workspace: WorkspaceSettings }>(
  'WorkspaceSettings',
  `query WorkspaceSettings { workspace { id conversionPreaggregation storeRawContacts } }`,
);

// Newest first; each with its last delivery, for the list.
export const NOTIFICATION_WEBHOOKS = operation<{ notificationWebhooks: NotificationWebhook[] }>(
  'NotificationWebhooks',
  `query NotificationWebhooks { notificationWebhooks { ${NOTIFICATION_WEBHOOK_FIELDS} } }`,
);

// Newest first; first defaults to 20 and is at most 100.
export const NOTIFICATION_DELIVERIES = operation<{ notificationDeliveries: Connection<NotificationDelivery> }, { webhookId: string; first: number; after?: string }>(
  'NotificationDeliveries',
  `query NotificationDeliveries($webhookId: ID!, $first: Int, $after: String) { notificationDeliveries(webhookId: $webhookId, first: $first, after: $after) {
    nodes { ${NOTIFICATION_DELIVERY_FIELDS} } pageInfo { endCursor hasNextPage } } }`,
);
