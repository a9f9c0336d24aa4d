import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AbstractGraphQLDriver } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Db } from '@waymark/db';
import { createPluginRegistry } from '@waymark/plugin-host';
import type { PluginRegistry } from '@waymark/plugin-host';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AppModule } from '../app.module.js';
import type { Logger } from '../common/observability/logger.js';
import { createLogger, NestPinoLogger } from '../common/observability/logger.js';
import { ApiMetrics } from '../common/observability/metrics.js';
import { WaymarkYogaDriver } from '../common/graphql/yoga.driver.js';
import { requestObserver } from '../common/observability/request-observer.js';
import type { ApiConfig } from '../config/api-config.js';
import { corsMiddleware, corsPolicy } from './cors.js';
import { DrainState } from './drain-state.js';
import { graphqlHttpHandler, serveGraphqlAhead } from './graphql-http.js';
import type { GraphqlHttpParts } from './graphql-http.js';
import { HttpDrain } from './http-drain.js';
import { securityHeaders } from './security-headers.js';

export interface CreateAppOptions {
  db: Db;
  config: ApiConfig;
  plugins?: PluginRegistry;
  // Defaults: JSON lines on stdout at WAYMARK_LOG_LEVEL; a fresh metrics registry.
  logger?: Logger;
  metrics?: ApiMetrics;
}

export interface RunningApp {
  app: INestApplication;
  url: string;
  metrics: ApiMetrics;
  drain: DrainState;
  /** Graceful: /ready turns 503, new connections are refused, in-flight requests finish (up to drainMs), then Nest closes. */
  close(drainMs?: number): Promise<void>;
}

export interface CreatedApp {
  app: NestExpressApplication;
  metrics: ApiMetrics;
  drain: DrainState;
  logger: Logger;
}

function defaultLogger(config: ApiConfig): Logger {
  return createLogger(config.WAYMARK_LOG_LEVEL ?? (config.NODE_ENV === 'test' ? 'warn' : 'info'));
}

function graphqlDriver(app: INestApplication): WaymarkYogaDriver {
  const driver = app.get(AbstractGraphQLDriver);
  if (!(driver instanceof WaymarkYogaDriver)) throw new Error('the GraphQL module does not run the Waymark yoga driver');
  return driver;
}

type HttpParts = Omit<GraphqlHttpParts, 'graphql'>;

// The routes Express serves (/health, /ready, /metrics, the webhooks) get the same request
// observer, headers and CORS as /graphql, which is handed to yoga ahead of Express.
function useExpressMiddleware(app: NestExpressApplication, config: ApiConfig, http: HttpParts): void {
  // First, so that refused requests (413, 400) are logged and measured too.
  app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
    http.observe(req, res);
    next();
  });
  // Webhook deliveries (their raw body is kept for signatures); much larger is refused with 413.
  app.useBodyParser('json', { limit: config.WAYMARK_BODY_LIMIT });
  app.disable('x-powered-by');
  app.use((_req: IncomingMessage, res: ServerResponse, next: () => void) => {
    http.securityHeaders(res);
    next();
  });
  app.use(corsMiddleware(http.cors));
}

export async function createApp(options: CreateAppOptions): Promise<CreatedApp> {
  const plugins = options.plugins ?? (await createPluginRegistry());
  const logger = options.logger ?? defaultLogger(options.config);
  const metrics = options.metrics ?? new ApiMetrics();
  const drain = new DrainState();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ db: options.db, config: options.config, plugins, metrics, drain }), {
    bodyParser: false,
    rawBody: true,
    logger: new NestPinoLogger(logger),
  });
  const http: HttpParts = {
    observe: requestObserver(logger, metrics),
    securityHeaders: securityHeaders(options.config.production),
    cors: corsPolicy(options.config.WAYMARK_CORS_ORIGINS),
  };
  useExpressMiddleware(app, options.config, http);
  await app.init();
  serveGraphqlAhead(app.getHttpServer(), app.getHttpAdapter().getInstance(), graphqlHttpHandler({ graphql: graphqlDriver(app).graphqlServer(), ...http }));
  // No enableShutdownHooks(): Nest would re-raise SIGTERM after closing, so the process would end
  // by signal instead of exit 0; main.ts owns the signals and calls close() below.
  return { app, metrics, drain, logger };
}

export async function startApp(options: CreateAppOptions & { host?: string; port?: number }): Promise<RunningApp> {
  const { app, metrics, drain } = await createApp(options);
  const http = new HttpDrain(app.getHttpServer());
  await app.listen(options.port ?? options.config.PORT, options.host ?? options.config.HOST);
  const server: Server = app.getHttpServer();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    metrics,
    drain,
    close: async (drainMs = 25_000) => {
      drain.draining = true;
      await http.drain(drainMs);
      await app.close();
    },
  };
}
