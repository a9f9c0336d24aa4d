export type KpiErrorCode = 'INVALID_WINDOW' | 'INVALID_ARGUMENT' | 'NOT_FOUND';

// Domain error with a stable code; the API maps codes to GraphQL extensions.code.
export class KpiError extends Error {
  readonly code: KpiErrorCode;

  constructor(code: KpiErrorCode, message: string) {
    super(message);
    this.name = 'KpiError';
    this.code = code;
  }
}

export function assertWindow(window: { from: Date; to: Date }): void {
  const from = window.from.getTime();
  const to = window.to.getTime();
  if (Number.isNaN(from) || Number.isNaN(to)) {
    throw new KpiError('INVALID_WINDOW', 'window.from and window.to must be valid dates');
  }
  if (from >= to) {
    throw new KpiError('INVALID_WINDOW', `window.from (${window.from.toISOString()}) must be before window.to (${window.to.toISOString()})`);
  }
}

export function assertConversionWindowDays(days: number): void {
  if (!Number.isInteger(days) || days < 0 || days > 3650) {
    throw new KpiError('INVALID_ARGUMENT', `conversionWindowDays must be an integer between 0 and 3650, got ${days}`);
  }
}
