import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '@waymark/db';
import { ApiError, ApiErrorCode } from '../errors/api-error.js';
import { ALLOW_KEY } from './allow.decorator.js';
import type { RequestContext } from './auth-context.js';

function isRoleList(value: unknown): value is Role[] {
  return Array.isArray(value);
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const allowed = this.reflector.getAllAndOverride<unknown>(ALLOW_KEY, [context.getHandler(), context.getClass()]);
    if (allowed === 'public') return true;
    const field = GqlExecutionContext.create(context).getInfo<{ fieldName: string }>().fieldName;
    if (!isRoleList(allowed)) throw new ApiError(ApiErrorCode.FORBIDDEN, `The field ${field} is not open to any role.`);
    const ctx = GqlExecutionContext.create(context).getContext<RequestContext>();
    if (!ctx.principal) {
      throw new ApiError(ApiErrorCode.UNAUTHENTICATED, ctx.authProblem ?? 'Send "Authorization: Bearer <token>"; an admin creates tokens with createApiToken.');
    }
    if (!allowed.includes(ctx.principal.role)) {
      throw new ApiError(ApiErrorCode.FORBIDDEN, `The ${ctx.principal.role} role may not use ${field}; it needs one of ${allowed.join(', ')}.`);
    }
    return true;
  }
}
