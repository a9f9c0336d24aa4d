import type {
  Alert, ApiToken, Audit, ConnectionTest, Initiative, Integration, KpiThreshold, KpiWatchRun, Metric, NotificationDelivery, NotificationEvent,
  NotificationWebhook, NotificationWebhookCreated, RejectedRetry, Role, RoiEvaluation, Schedule, ScheduleKind,
  SyncRun, Touchpoint, TouchpointMode, TouchpointRisk, TouchpointType, WorkspaceSettings,
} from './types.js';
import { NOTIFICATION_DELIVERY_FIELDS, NOTIFICATION_WEBHOOK_FIELDS, operation, RISK_FIELDS, ROI_FIELDS, SCHEDULE_FIELDS, SYNC_RUN_FIELDS, TOUCHPOINT_FIELDS } from './operation.js';

export const ACK_ALERT = operation<{ ackAlert: Pick<Alert, 'id' | 'status'> }, { id: string }>(
  'AckAlert',
  `mutation AckAlert($id: ID!) { ackAlert(id: $id) { id status } }`,
);

export const RESOLVE_ALERT = operation<{ resolveAlert: Pick<Alert, 'id' | 'status'> }, { id: string }>(
  'ResolveAlert',
  `mutation ResolveAlert($id: ID!) { resolveAlert(id: $id) { id status } }`,
);

export interface TouchpointPatch {
  name?: string;
  channel?: string;
  ownerTeam?: string | null;
  stageId?: string;
  position?: number;
}

export const UPDATE_TOUCHPOINT = operation<{ updateTouchpoint: Touchpoint }, { id: string; input: TouchpointPatch }>(
  'UpdateTouchpoint',
  `mutation UpdateTouchpoint($id: ID!, $input: TouchpointPatch!) { updateTouchpoint(id: $id, input: $input) { ${TOUCHPOINT_FIELDS} } }`,
);

export interface NewTouchpoint {
  key: string;
  name: string;
  type: TouchpointType;
  channel: string;
  mode: TouchpointMode;
  ownerTeam?: string;
}

export const ADD_TOUCHPOINT = operation<{ addTouchpoint: Touchpoint }, { stageId: string; input: NewTouchpoint }>(
  'AddTouchpoint',
  `mutation AddTouchpoint($stageId: ID!, $input: TouchpointInput!) { addTouchpoint(stageId: $stageId, input: $input) { ${TOUCHPOINT_FIELDS} } }`,
);

export interface IntegrationInput {
  id?: string;
  pluginId: string;
  name: string;
  config: Record<string, unknown>;
  secrets?: Record<string, string>;
  schedule?: string | null;
  enabled?: boolean;
}

export const CONFIGURE_INTEGRATION = operation<{ configureIntegration: Pick<Integration, 'id' | 'name'> }, { input: IntegrationInput }>(
  'ConfigureIntegration',
  `mutation ConfigureIntegration($input: IntegrationInput!) { configureIntegration(input: $input) { id name } }`,
);

export const TEST_CONNECTION = operation<{ testConnection: ConnectionTest }, { integrationId: string }>(
  'TestConnection',
  `mutation TestConnection($integrationId: ID!) { testConnection(integrationId: $integrationId) { ok message code } }`,
);

export const RUN_SYNC = operation<{ runSync: SyncRun }, { integrationId: string }>(
  'RunSync',
  `mutation RunSync($integrationId: ID!) { runSync(integrationId: $integrationId) { ${SYNC_RUN_FIELDS} } }`,
);

export const CANCEL_SYNC = operation<{ cancelSync: Pick<SyncRun, 'id' | 'status'> }, { syncRunId: string }>(
  'CancelSync',
  `mutation CancelSync($syncRunId: ID!) { cancelSync(syncRunId: $syncRunId) { id status } }`,
);

export const START_AUDIT = operation<{ startConsistencyAudit: Pick<Audit, 'id' | 'status'> }, { journeyId: string }>(
  'StartConsistencyAudit',
  `mutation StartConsistencyAudit($journeyId: ID!) { startConsistencyAudit(journeyId: $journeyId) { id status } }`,
);

export interface InitiativeInput {
  name: string;
  description?: string | null;
  touchpointIds: string[];
  startDate: string;
  endDate?: string | null;
  cost: number;
}

export const CREATE_INITIATIVE = operation<{ createInitiative: Pick<Initiative, 'id' | 'name'> }, { input: InitiativeInput }>(
  'CreateInitiative',
  `mutation CreateInitiative($input: InitiativeInput!) { createInitiative(input: $input) { id name } }`,
);

// Every field is sent: the edit form holds the whole initiative. Null clears description or endDate.
export interface InitiativePatch {
  name: string;
  description: string | null;
  touchpointIds: string[];
  startDate: string;
  endDate: string | null;
  cost: number;
}

export const UPDATE_INITIATIVE = operation<{ updateInitiative: Pick<Initiative, 'id' | 'name'> }, { id: string; input: InitiativePatch }>(
  'UpdateInitiative',
  `mutation UpdateInitiative($id: ID!, $input: InitiativePatch!) { updateInitiative(id: $id, input: $input) { id name } }`,
);

export const DELETE_INITIATIVE = operation<{ deleteInitiative: boolean }, { id: string }>(
  'DeleteInitiative',
  `mutation DeleteInitiative($id: ID!) { deleteInitiative(id: $id) }`,
);

export const START_ROI = operation<{ startRoiEvaluation: RoiEvaluation }, { initiativeId: string }>(
  'StartRoiEvaluation',
  `mutation StartRoiEvaluation($initiativeId: ID!) { startRoiEvaluation(initiativeId: $initiativeId) { ${ROI_FIELDS} } }`,
);

export const CREATE_API_TOKEN = operation<{ createApiToken: ApiToken }, { role: Role; name: string }>(
  'CreateApiToken',
  `mutation CreateApiToken($role: Role!, $name: String!) { createApiToken(role: $role, name: $name) { id name role secret prefix createdAt lastUsedAt } }`,
);

export const REVOKE_API_TOKEN = operation<{ revokeApiToken: Pick<ApiToken, 'id'> }, { id: string }>(
  'RevokeApiToken',
  `mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { id } }`,
);

export const SET_CONVERSION_PREAGGREGATION = operation<{ setConversionPreaggregation: WorkspaceSettings }, { enabled: boolean }>(
  'SetConversionPreaggregation',
  `mutation SetConversionPreaggregation($enabled: Boolean!) { setConversionPreaggregation(enabled: $enabled) { id conversionPreaggregation storeRawContacts } }`,
);

export interface ThresholdInput {
  touchpointId: string;
  metric: Metric;
  direction: 'BELOW' | 'ABOVE';
  value: number;
  windowDays: number;
  minSample: number;
}

export const SET_THRESHOLD = operation<{ setThreshold: Pick<KpiThreshold, 'id'> }, { input: ThresholdInput }>(
  'SetThreshold',
  `mutation SetThreshold($input: ThresholdInput!) { setThreshold(input: $input) { id } }`,
);

export const DELETE_THRESHOLD = operation<{ deleteThreshold: boolean }, { id: string }>('DeleteThreshold', `mutation DeleteThreshold($id: ID!) { deleteThreshold(id: $id) }`);

export const SET_STORE_RAW_CONTACTS = operation<{ setStoreRawContacts: WorkspaceSettings }, { enabled: boolean }>(
  'SetStoreRawContacts',
  `mutation SetStoreRawContacts($enabled: Boolean!) { setStoreRawContacts(enabled: $enabled) { id conversionPreaggregation storeRawContacts } }`,
);

// targetId is left out for KPI_WATCH; timeZone left out means the workspace's time zone.
export interface ScheduleInput {
  kind: ScheduleKind;
  targetId?: string;
  cron: string;
  timeZone?: string;
}

export const SET_SCHEDULE = operation<{ setSchedule: Schedule }, { input: ScheduleInput }>(
  'SetSchedule',
  `mutation SetSchedule($input: ScheduleInput!) { setSchedule(input: $input) { ${SCHEDULE_FIELDS} } }`,
);

export const REMOVE_SCHEDULE = operation<{ removeSchedule: boolean }, { kind: ScheduleKind; targetId?: string }>(
  'RemoveSchedule',
  `mutation RemoveSchedule($kind: ScheduleKind!, $targetId: ID) { removeSchedule(kind: $kind, targetId: $targetId) }`,
);

export const ASSESS_RISKS = operation<{ assessRisks: TouchpointRisk[] }, { journeyId: string }>(
  'AssessRisks',
  `mutation AssessRisks($journeyId: ID!) { assessRisks(journeyId: $journeyId) { ${RISK_FIELDS} } }`,
);

export const RUN_KPI_WATCH = operation<{ runKpiWatch: KpiWatchRun }>(
  'RunKpiWatch',
  `mutation RunKpiWatch { runKpiWatch { checked breached opened resolved } }`,
);

export interface JourneyPatch {
  name?: string;
  description?: string | null;
  stages?: { id?: string; name: string }[];
}

export const DELETE_JOURNEY = operation<{ deleteJourney: boolean }, { id: string }>(
  'DeleteJourney',
  `mutation DeleteJourney($id: ID!) { deleteJourney(id: $id) }`,
);

export const UPDATE_JOURNEY = operation<{ updateJourney: { id: string; name: string } }, { id: string; input: JourneyPatch }>(
  'UpdateJourney',
  `mutation UpdateJourney($id: ID!, $input: JourneyPatch!) { updateJourney(id: $id, input: $input) { id name } }`,
);

export const DELETE_TOUCHPOINT = operation<{ deleteTouchpoint: boolean }, { id: string }>(
  'DeleteTouchpoint',
  `mutation DeleteTouchpoint($id: ID!) { deleteTouchpoint(id: $id) }`,
);

export const DELETE_INTEGRATION = operation<{ deleteIntegration: boolean }, { id: string }>(
  'DeleteIntegration',
  `mutation DeleteIntegration($id: ID!) { deleteIntegration(id: $id) }`,
);

export const RETRY_REJECTED = operation<{ retryRejectedEvents: RejectedRetry }, { syncRunId: string; after?: string | null }>(
  'RetryRejectedEvents',
  `mutation RetryRejectedEvents($syncRunId: ID!, $after: String) { retryRejectedEvents(syncRunId: $syncRunId, after: $after) {
    retried accepted duplicates remaining endCursor stillRejected { id index externalId reason } } }`,
);

export interface NotificationWebhookInput {
  name: string;
  url: string;
  events: NotificationEvent[];
}

// Omitted fields keep their value: the edit form leaves out a blank URL, Pause/Resume sends only enabled.
export interface NotificationWebhookPatch {
  name?: string;
  url?: string;
  events?: NotificationEvent[];
  enabled?: boolean;
}

export const CREATE_NOTIFICATION_WEBHOOK = operation<{ createNotificationWebhook: NotificationWebhookCreated }, { input: NotificationWebhookInput }>(
  'CreateNotificationWebhook',
  `mutation CreateNotificationWebhook($input: NotificationWebhookInput!) { createNotificationWebhook(input: $input) {
    webhook { ${NOTIFICATION_WEBHOOK_FIELDS} } signingSecret } }`,
);

export const UPDATE_NOTIFICATION_WEBHOOK = operation<{ updateNotificationWebhook: NotificationWebhook }, { id: string; input: NotificationWebhookPatch }>(
  'UpdateNotificationWebhook',
  `mutation UpdateNotificationWebhook($id: ID!, $input: NotificationWebhookPatch!) { updateNotificationWebhook(id: $id, input: $input) { ${NOTIFICATION_WEBHOOK_FIELDS} } }`,
);

export const DELETE_NOTIFICATION_WEBHOOK = operation<{ deleteNotificationWebhook: boolean }, { id: string }>(
  'DeleteNotificationWebhook',
  `mutation DeleteNotificationWebhook($id: ID!) { deleteNotificationWebhook(id: $id) }`,
);

// Sends a "webhook.test" payload now (one attempt, 10 s timeout) and answers with its outcome.
export const TEST_NOTIFICATION_WEBHOOK = operation<{ testNotificationWebhook: NotificationDelivery }, { id: string }>(
  'TestNotificationWebhook',
  `mutation TestNotificationWebhook($id: ID!) { testNotificationWebhook(id: $id) { ${NOTIFICATION_DELIVERY_FIELDS} } }`,
);
