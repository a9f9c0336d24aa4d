import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Db } from '@waymark/db';
import { createPluginRegistry } from '@waymark/plugin-host';
import type { PluginRegistry } from '@waymark/plugin-host';
import { AppModule } from '../app.module.js';
import type { ApiConfig } from '../config/api-config.js';
import { securityHeaders } from './security-headers.js';

export interface CreateAppOptions {
  db: Db;
  config: ApiConfig;
  plugins?: PluginRegistry;
}

export interface RunningApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const plugins = options.plugins ?? (await createPluginRegistry());
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ db: options.db, config: options.config, plugins }), {
    bodyParser: false,
    rawBody: true,
    logger: options.config.NODE_ENV === 'test' ? ['error', 'warn'] : ['log', 'error', 'warn'],
  });
  // Batches of 10,000 events are a few MB; anything much larger is refused with 413.
  app.useBodyParser('json', { limit: options.config.WAYMARK_BODY_LIMIT });
  app.disable('x-powered-by');
  app.use(securityHeaders(options.config.production));
  const origins = options.config.WAYMARK_CORS_ORIGINS;
  app.enableCors({
    origin: origins === '*' ? true : origins.split(',').map((origin) => origin.trim()),
    allowedHeaders: ['authorization', 'content-type', 'accept'],
    methods: ['GET', 'POST', 'OPTIONS'],
    maxAge: 600,
  });
  app.enableShutdownHooks();
  return app;
}

export async function startApp(options: CreateAppOptions & { host?: string; port?: number }): Promise<RunningApp> {
  const app = await createApp(options);
  await app.listen(options.port ?? options.config.PORT, options.host ?? options.config.HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
