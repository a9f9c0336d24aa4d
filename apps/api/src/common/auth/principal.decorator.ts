import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import type { Principal, RequestContext } from './auth-context.js';

// The authenticated caller; RolesGuard has already refused anonymous calls to protected fields.
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const ctx = GqlExecutionContext.create(context).getContext<RequestContext>();
  if (!ctx.principal) throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'Send "Authorization: Bearer <token>".');
  return ctx.principal;
});
