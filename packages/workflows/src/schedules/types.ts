export const SCHEDULE_KINDS = ['sync', 'audit', 'kpi-watch', 'risk', 'roi'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export interface ScheduledSyncInput {
  workspaceId: string;
  integrationId: string;
}

export interface ScheduledAuditInput {
  workspaceId: string;
  journeyId: string;
}

export interface ScheduledRoiInput {
  workspaceId: string;
  initiativeId: string;
}
