export interface KpiWatchInput {
  workspaceId: string;
}

export interface KpiWatchResult {
  checked: number;
  breached: number;
  opened: number;
  resolved: number;
}
