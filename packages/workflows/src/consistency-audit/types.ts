export interface ConsistencyAuditInput {
  workspaceId: string;
  auditId: string;
}

export interface AuditSummary {
  findings: number;
  new: number;
  persisting: number;
  resolved: number;
  previousAuditId: string | null;
}

export interface AuditProgress {
  status: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  summary: AuditSummary | null;
}
