import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { YogaDriver } from '@graphql-yoga/nestjs';
import type { YogaDriverConfig } from '@graphql-yoga/nestjs';
import { createYoga } from 'graphql-yoga';
import type { YogaServerInstance } from 'graphql-yoga';

// What yoga passes to the context factory and plugins: the Node request and response.
export interface HttpContext {
  req: IncomingMessage;
  res: ServerResponse;
}

export type GraphqlServer = YogaServerInstance<HttpContext, object>;

// Nest's yoga driver, except that yoga is not mounted on Express: the Node server hands /graphql
// to it directly (bootstrap/graphql-http.ts), ahead of Express's middleware chain.
@Injectable()
export class WaymarkYogaDriver extends YogaDriver {
  private server: GraphqlServer | null = null;

  protected override registerExpress({ path, ...options }: YogaDriverConfig<'express'>): void {
    this.server = createYoga<HttpContext>({ ...options, graphqlEndpoint: path, logging: false });
  }

  graphqlServer(): GraphqlServer {
    if (!this.server) throw new Error('the GraphQL server is not started yet (app.init() first)');
    return this.server;
  }
}
