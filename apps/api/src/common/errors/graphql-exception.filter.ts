import { Catch, Logger } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GraphQLError } from 'graphql';
import { toGraphQLError } from './to-graphql-error.js';

// GraphQL errors go through the one adapter; plain HTTP routes (health, webhooks) keep Nest's handling.
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  override catch(exception: unknown, host: ArgumentsHost): GraphQLError | undefined {
    if (host.getType<string>() !== 'graphql') {
      super.catch(exception, host);
      return undefined;
    }
    return toGraphQLError(exception, (error) => this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  }
}
