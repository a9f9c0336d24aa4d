// The codes a client sees in extensions.code; every domain exception carries one of them.
export enum ApiErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  RATE_LIMITED = 'RATE_LIMITED',
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError(ApiErrorCode.NOT_FOUND, `No ${what} with id "${id}" in this workspace.`);
}

export function badInput(message: string, details?: Record<string, unknown>): ApiError {
  return new ApiError(ApiErrorCode.BAD_USER_INPUT, message, details);
}
