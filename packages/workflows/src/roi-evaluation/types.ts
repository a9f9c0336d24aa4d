export interface RoiEvaluationInput {
  workspaceId: string;
  evaluationId: string;
}

export interface RoiOutcome {
  roi: number | null;
  incrementalRevenue: number;
  ciLow: number | null;
  ciHigh: number | null;
}
