import type { Db } from '@waymark/db';
import type { PluginRegistry } from '@waymark/plugin-host';
import type { FetchLike } from '@waymark/plugin-sdk';
import { createConsistencyAuditActivities } from './consistency-audit/activities.js';
import { createKpiWatchActivities } from './kpi-watch/activities.js';
import { createNotificationActivities } from './notifications/activities.js';
import { createPingActivities } from './ping/activities.js';
import type { IngestPage } from './plugin-sync/activities.js';
import { createPluginSyncActivities } from './plugin-sync/activities.js';
import type { SecretsDecryptor } from './plugin-sync/secrets.js';
import { createRiskAssessmentActivities } from './risk-assessment/activities.js';
import { createRoiEvaluationActivities } from './roi-evaluation/activities.js';
import { createScheduledRunActivities } from './schedules/activities.js';

export interface ActivityDeps {
  db: Db;
  plugins: PluginRegistry;
  ingestPage: IngestPage;
  decryptSecrets: SecretsDecryptor;
  workerName: string;
  // Injected clock for audits, ROI, KPI watch and risk (tests pin "now").
  now?: () => Date;
  fetch?: FetchLike;
  heartbeatMs?: number;
  pluginLogSink?: (line: string) => void;
}

// Every activity the worker registers, built with its dependencies.
export function createActivities(deps: ActivityDeps) {
  const clock = deps.now ? { now: deps.now } : {};
  return {
    ...createPingActivities({ workerName: deps.workerName }),
    ...createPluginSyncActivities({
      db: deps.db,
      plugins: deps.plugins,
      ingestPage: deps.ingestPage,
      decryptSecrets: deps.decryptSecrets,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.heartbeatMs === undefined ? {} : { heartbeatMs: deps.heartbeatMs }),
      ...(deps.pluginLogSink ? { pluginLogSink: deps.pluginLogSink } : {}),
    }),
    ...createConsistencyAuditActivities({ db: deps.db, ...clock }),
    ...createRoiEvaluationActivities({ db: deps.db, ...clock }),
    ...createKpiWatchActivities({ db: deps.db, ...clock }),
    ...createNotificationActivities({ db: deps.db, decryptSecrets: deps.decryptSecrets }),
    ...createRiskAssessmentActivities({ db: deps.db, ...clock }),
    ...createScheduledRunActivities({ db: deps.db }),
  };
}
