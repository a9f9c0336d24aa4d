export interface KpiWatchInput {
  workspaceId: string;
}

export interface KpiWatchResult {
  checked: number;
  breached: number;
  opened: number;
  resolved: number;
  // Notifications queued by this run (and stranded ones it picked up), each sent by its own workflow.
  deliveryIds: string[];
}
