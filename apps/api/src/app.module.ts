import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { GraphQLSchema } from 'graphql';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { YogaDriverConfig } from '@graphql-yoga/nestjs';
import type { Db } from '@waymark/db';
import type { PluginRegistry } from '@waymark/plugin-host';
import { RolesGuard } from './common/auth/roles.guard.js';
import { TokenAuthenticator } from './common/auth/token-authenticator.js';
import { GraphqlExceptionFilter } from './common/errors/graphql-exception.filter.js';
import { readPreloadedFields } from './common/graphql/preloaded-fields.js';
import { yogaOptions } from './common/graphql/yoga-options.js';
import { WaymarkYogaDriver } from './common/graphql/yoga.driver.js';
import type { DrainState } from './bootstrap/drain-state.js';
import type { ApiMetrics } from './common/observability/metrics.js';
import { API_CONFIG, AUTHENTICATOR, DB, DRAIN_STATE, METRICS, PLUGIN_REGISTRY } from './common/tokens.js';
import type { ApiConfig } from './config/api-config.js';
import { DomainModule } from './domain.module.js';
import { JOURNEY_TREE_FIELDS } from './modules/journeys/journey.mapper.js';

export interface AppDependencies {
  db: Db;
  config: ApiConfig;
  plugins: PluginRegistry;
  metrics: ApiMetrics;
  drain: DrainState;
}

// Values built at bootstrap (database, configuration, plugins) are provided once, globally.
@Module({})
export class AppModule {
  static register(deps: AppDependencies): DynamicModule {
    const core: DynamicModule = {
      module: CoreModule,
      global: true,
      providers: [
        { provide: DB, useValue: deps.db },
        { provide: API_CONFIG, useValue: deps.config },
        { provide: PLUGIN_REGISTRY, useValue: deps.plugins },
        { provide: AUTHENTICATOR, useValue: new TokenAuthenticator(deps.db.prisma) },
        { provide: METRICS, useValue: deps.metrics },
        { provide: DRAIN_STATE, useValue: deps.drain },
      ],
      exports: [DB, API_CONFIG, PLUGIN_REGISTRY, AUTHENTICATOR, METRICS, DRAIN_STATE],
    };
    return {
      module: AppModule,
      imports: [
        core,
        GraphQLModule.forRootAsync<YogaDriverConfig>({
          driver: WaymarkYogaDriver,
          inject: [API_CONFIG, AUTHENTICATOR, METRICS],
          useFactory: (config: ApiConfig, authenticator: TokenAuthenticator, metrics: ApiMetrics) => ({
            ...yogaOptions(config, authenticator, metrics),
            transformSchema: (schema: GraphQLSchema) => readPreloadedFields(schema, JOURNEY_TREE_FIELDS),
          }),
        }),
        DomainModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
      ],
    };
  }
}

@Module({})
export class CoreModule {}
