export interface RiskAssessmentInput {
  workspaceId: string;
  journeyId: string;
}

export interface RiskAssessmentResult {
  touchpoints: number;
  top: { touchpointKey: string; score: number; level: string } | null;
}
