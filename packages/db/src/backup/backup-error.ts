export type BackupErrorCode = 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'INVALID_ARCHIVE' | 'CONFLICT' | 'SCHEMA_MISMATCH';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
