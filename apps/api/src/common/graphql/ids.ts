import { z } from 'zod';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';

const Uuid = z.uuid();

export function isUuid(id: string): boolean {
  return Uuid.safeParse(id).success;
}

// An id that cannot exist is simply not found, the same answer as another workspace's id.
export function requireId(id: string, what: string): string {
  if (!isUuid(id)) throw new ApiError(ApiErrorCode.NOT_FOUND, `No ${what} with id "${id}" in this workspace.`);
  return id;
}
