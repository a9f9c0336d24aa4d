// Shared by the workflow (bundled, deterministic) and its activities: types only.
export interface SyncTotals {
  pages: number;
  events: number;
  duplicates: number;
  rejected: number;
}

export interface PluginSyncInput {
  workspaceId: string;
  integrationId: string;
  syncRunId: string;
  // Pages pulled before the workflow continues as new (keeps histories short); default 100.
  pagesPerRun?: number;
  // Carried across continue-as-new.
  state?: SyncState;
}

export interface SyncState {
  streams: string[];
  streamIndex: number;
  totals: SyncTotals;
  continued: number;
}

export interface SyncProgress extends SyncTotals {
  status: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  stream: string | null;
  // Times this sync continued as new (each run pulls at most pagesPerRun pages).
  continued: number;
}

export interface SyncPageInput {
  workspaceId: string;
  integrationId: string;
  syncRunId: string;
  stream: string;
  // Pages one activity call may store; absent (workflows started before it) means 1.
  maxPages?: number;
}

export interface SyncPageResult {
  hasMore: boolean;
  // Pages stored by the call; absent in results recorded before multi-page calls (1).
  pages?: number;
  totals: SyncTotals;
}

export type SyncOutcome = { status: 'COMPLETED'; totals: SyncTotals };
