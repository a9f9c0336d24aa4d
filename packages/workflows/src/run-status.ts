// Shared by workflows and activities: how a run ended.
export type FinalStatus = 'COMPLETED' | 'FAILED' | 'CANCELLED';

// Retry policy of every activity: exponential backoff, bounded; set per proxy with a timeout.
export const ACTIVITY_RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8 } as const;

export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
