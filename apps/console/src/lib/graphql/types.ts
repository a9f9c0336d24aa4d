// Shapes of the GraphQL contract (SPEC §5) as the console reads them.
export type Role = 'ADMIN' | 'EXECUTIVE' | 'ANALYST' | 'PARTNER';
export type Metric = 'NPS' | 'CSAT' | 'CES' | 'SENTIMENT' | 'VOLUME' | 'REVENUE' | 'CONVERSION_RATE';
export type Bucket = 'DAY' | 'WEEK' | 'MONTH';
export type RunStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type FindingChange = 'NEW' | 'PERSISTING' | 'RESOLVED';
export type AlertStatus = 'OPEN' | 'ACK' | 'RESOLVED';
export type TouchpointType = 'CONTACT' | 'INTERACTION' | 'EXPERIENCE';
export type TouchpointMode = 'ONLINE' | 'OFFLINE';
export type ScheduleKind = 'SYNC' | 'AUDIT' | 'KPI_WATCH' | 'RISK' | 'ROI';
export type NotificationEvent = 'ALERT_OPENED' | 'ALERT_ACKNOWLEDGED' | 'ALERT_RESOLVED';
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface TimeWindow {
  from: string;
  to: string;
}

export interface KpiScope {
  journeyId?: string;
  stageId?: string;
  touchpointId?: string;
  channel?: string;
}

export interface Viewer {
  role: Role;
  workspace: { id: string; name: string };
}

export interface KpiValue {
  metric: Metric;
  value: number | null;
  sampleSize: number;
}

export interface KpiPoint {
  bucketStart: string;
  value: number | null;
  sampleSize: number;
}

export interface TouchpointRef {
  id: string;
  key: string;
  name: string;
  channel: string;
}

export interface Touchpoint extends TouchpointRef {
  type: TouchpointType;
  mode: TouchpointMode;
  ownerTeam: string | null;
  monthlyCost: number | null;
  facts: Record<string, unknown>;
}

export interface TouchpointDetail extends Touchpoint {
  stage: { id: string; name: string; position: number };
}

export interface Stage {
  id: string;
  name: string;
  position: number;
  touchpoints: Touchpoint[];
}

export interface Journey {
  id: string;
  name: string;
  description: string | null;
  stages: Stage[];
}

export interface JourneySummary {
  id: string;
  name: string;
}

export interface FunnelStep {
  stage: { id: string; name: string; position: number };
  reached: number;
  conversionFromPrevious: number | null;
  dropOff: number | null;
}

export interface Alert {
  id: string;
  status: AlertStatus;
  metric: Metric;
  value: number | null;
  threshold: number;
  openedAt: string;
  touchpoint: TouchpointRef;
}

export interface Finding {
  rule: string;
  severity: Severity;
  touchpoints: TouchpointRef[];
  evidence: unknown;
  change: FindingChange;
}

export interface Audit {
  id: string;
  status: RunStatus;
  createdAt: string;
  journey: JourneySummary;
  findings: Finding[];
}

export interface PluginSecret {
  key: string;
  label: string;
  description: string | null;
  required: boolean;
}

export interface PluginInfo {
  id: string;
  name: string;
  version: string;
  category: string;
  description: string;
  configSchema: unknown;
  secretFields: PluginSecret[];
  supportsTestConnection: boolean;
}

export interface SyncRun {
  id: string;
  status: RunStatus;
  startedAt: string | null;
  finishedAt: string | null;
  pages: number;
  eventsAccepted: number;
  eventsRejected: number;
  error: string | null;
}

export interface Integration {
  id: string;
  name: string;
  pluginId: string;
  config: Record<string, unknown>;
  secretKeys: string[];
  schedule: string | null;
  // A paused (disabled) integration does not sync: its schedule's runs are skipped, Sync now is refused.
  enabled: boolean;
  lastSyncRun: SyncRun | null;
}

export interface RejectedEvent {
  id?: string | null;
  index: number;
  externalId: string | null;
  reason: string;
  retries?: number | null;
  retriedAt?: string | null;
}

export interface RejectedRetry {
  retried: number;
  accepted: number;
  duplicates: number;
  stillRejected: RejectedEvent[];
  remaining: number;
  endCursor: string | null;
}

export interface RoiEvaluation {
  id: string;
  status: RunStatus;
  roi: number | null;
  incrementalRevenue: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  kpiDeltas: unknown;
  createdAt: string;
}

export interface Initiative {
  id: string;
  name: string;
  description: string | null;
  startDate: string;
  endDate: string | null;
  cost: number;
  // When a value last changed: an evaluation created before it evaluated older values.
  updatedAt: string;
  touchpoints: TouchpointRef[];
  latestEvaluation: RoiEvaluation | null;
}

export interface TouchpointRisk {
  touchpoint: TouchpointRef;
  score: number;
  rank: number | null;
  level: string | null;
  volume: number | null;
  negativeShare: number | null;
  complaintRate: number | null;
  trend: number | null;
}

// A Temporal Schedule behind an integration (SYNC), a journey (AUDIT, RISK), the workspace (KPI_WATCH) or an initiative (ROI).
export interface Schedule {
  kind: ScheduleKind;
  targetId: string;
  cron: string;
  timeZone: string;
  nextRuns: string[];
}

// A schedule as `schedules` lists it: with the name of the integration, journey, initiative or
// workspace it runs for (null when that is gone).
export interface ListedSchedule extends Schedule {
  targetName: string | null;
}

export interface KpiWatchRun {
  checked: number;
  breached: number;
  opened: number;
  resolved: number;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  secret: string | null;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface KpiThreshold {
  id: string;
  metric: Metric;
  direction: 'BELOW' | 'ABOVE';
  value: number;
  windowDays: number;
  minSample: number;
  enabled: boolean;
}

export interface WorkspaceSettings {
  id: string;
  conversionPreaggregation: boolean;
  storeRawContacts: boolean;
}

// One POST of an alert event (or a test) to a webhook; retried until delivered or failed for good.
export interface NotificationDelivery {
  id: string;
  // The wire name: "alert.opened", "alert.acknowledged", "alert.resolved" or "webhook.test".
  event: string;
  status: DeliveryStatus;
  attempts: number;
  // HTTP status of the last attempt; null when there was no answer (timeout, refused).
  responseStatus: number | null;
  error: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  alertId: string | null;
}

// The URL is a credential: the API returns only its scheme and host (urlHint).
export interface NotificationWebhook {
  id: string;
  name: string;
  urlHint: string;
  events: NotificationEvent[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  lastDelivery: NotificationDelivery | null;
}

// The signing secret is in this answer only.
export interface NotificationWebhookCreated {
  webhook: NotificationWebhook;
  signingSecret: string;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export interface ConnectionTest {
  ok: boolean;
  message: string;
  code: string | null;
}
