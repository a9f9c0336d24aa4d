// The registry the worker's bundler loads: every workflow function, nothing else.
export { pingWorkflow } from './ping.workflow.js';
export { pluginSyncWorkflow } from './plugin-sync.workflow.js';
export { consistencyAuditWorkflow } from './consistency-audit.workflow.js';
export { roiEvaluationWorkflow } from './roi-evaluation.workflow.js';
export { kpiWatchWorkflow } from './kpi-watch.workflow.js';
export { notificationDeliveryWorkflow } from './notification-delivery.workflow.js';
export { riskAssessmentWorkflow } from './risk-assessment.workflow.js';
export { scheduledAuditWorkflow, scheduledRoiWorkflow, scheduledSyncWorkflow } from './scheduled-runs.workflow.js';
