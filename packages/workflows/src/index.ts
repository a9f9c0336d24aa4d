import { fileURLToPath } from 'node:url';

// Path of the workflow registry for Worker.create / bundleWorkflowCode.
export const WORKFLOWS_PATH = fileURLToPath(new URL('./workflows.js', import.meta.url));
// Workflow interceptor module that carries the caller's trace context on to activities.
export const TRACE_CONTEXT_INTERCEPTORS_PATH = fileURLToPath(new URL('./trace-context/interceptors.js', import.meta.url));

export { TASK_QUEUE } from './task-queue.js';
export { TRACE_CONTEXT_HEADER, traceCarrier, traceContextPayload, withTraceHeader } from './trace-context/header.js';
export type { TraceCarrier } from './trace-context/header.js';
export { traceContextClientInterceptor } from './trace-context/client.js';
export { createActivities } from './activities.js';
export type { ActivityDeps } from './activities.js';
export { createPingActivities } from './ping/activities.js';
export { createPluginSyncActivities } from './plugin-sync/activities.js';
export type { IngestPage, IngestSummary, PluginSyncActivities, PluginSyncDeps } from './plugin-sync/activities.js';
export { ingestHostPage } from './plugin-sync/ingest-page.js';
export { envSecretsDecryptor } from './plugin-sync/secrets.js';
export type { SecretsDecryptor } from './plugin-sync/secrets.js';
export { cancelPluginSync, getSyncProgress, startPluginSync, syncWorkflowId } from './plugin-sync/client.js';
export type { PluginSyncInput, SyncOutcome, SyncProgress, SyncTotals } from './plugin-sync/types.js';
export { createConsistencyAuditActivities } from './consistency-audit/activities.js';
export { auditWorkflowId, getAuditProgress, startConsistencyAudit } from './consistency-audit/client.js';
export type { AuditProgress, AuditSummary, ConsistencyAuditInput } from './consistency-audit/types.js';
export { createRoiEvaluationActivities, seedFromId } from './roi-evaluation/activities.js';
export { roiWorkflowId, startRoiEvaluation } from './roi-evaluation/client.js';
export type { RoiEvaluationInput, RoiOutcome } from './roi-evaluation/types.js';
export { createKpiWatchActivities } from './kpi-watch/activities.js';
export { startKpiWatch } from './kpi-watch/client.js';
export { thresholdState } from './kpi-watch/threshold.js';
export type { KpiWatchInput, KpiWatchResult } from './kpi-watch/types.js';
export { createNotificationActivities } from './notifications/activities.js';
export { deliveryWorkflowId, startNotificationDeliveries } from './notifications/client.js';
export { isRetryableStatus, postWebhook, SEND_TIMEOUT_MS, signatureHeader } from './notifications/send.js';
export type { PostFetch, WebhookRequest } from './notifications/send.js';
export { DELIVERY_RETRY } from './notifications/types.js';
export type { NotificationDeliveryInput, NotificationDeliveryResult } from './notifications/types.js';
export { createRiskAssessmentActivities } from './risk-assessment/activities.js';
export { startRiskAssessment } from './risk-assessment/client.js';
export type { RiskAssessmentInput, RiskAssessmentResult } from './risk-assessment/types.js';
export { createScheduledRunActivities } from './schedules/activities.js';
export { checkSchedule, deleteSchedule, describeSchedule, scheduleId, ScheduleError, upsertSchedule } from './schedules/client.js';
export type { ScheduleTarget } from './schedules/client.js';
export { reapplySchedules } from './schedules/reapply.js';
export type { ReapplyOptions, ReapplyReport } from './schedules/reapply.js';
export { SCHEDULE_KINDS } from './schedules/types.js';
export type { ScheduleKind } from './schedules/types.js';
