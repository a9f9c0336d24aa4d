import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { YogaDriverConfig } from '@graphql-yoga/nestjs';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ApiConfig } from '../../config/api-config.js';
import { graphqlObserverPlugin } from '../observability/graphql-observer.plugin.js';
import type { ApiMetrics } from '../observability/metrics.js';
import type { RequestContext } from '../auth/auth-context.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import type { TokenAuthenticator } from '../auth/token-authenticator.js';
import { byteSize } from '../../config/byte-size.js';
import { bodyLimitPlugin } from './body-limit.plugin.js';
import { documentRequiredPlugin } from './document-required.plugin.js';
import { JsonScalar } from './json.scalar.js';
import { readTrustedDocuments, trustedDocumentsPlugin } from './trusted-documents.plugin.js';

interface IncomingRequest {
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string | undefined };
}

function header(req: IncomingRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function protectionPlugins(config: ApiConfig): Plugin[] {
  const plugins: Plugin[] = [
    bodyLimitPlugin(byteSize(config.WAYMARK_BODY_LIMIT)),
    documentRequiredPlugin(),
    EnvelopArmorPlugin({
      maxDepth: { n: config.WAYMARK_MAX_DEPTH, ignoreIntrospection: true },
      costLimit: { maxCost: config.WAYMARK_MAX_COST, ignoreIntrospection: true },
      maxAliases: { n: config.WAYMARK_MAX_ALIASES },
      maxDirectives: { n: 50 },
      maxTokens: { n: 5000 },
      blockFieldSuggestion: { enabled: config.production },
    }),
  ];
  if (config.WAYMARK_TRUSTED_DOCUMENTS) {
    plugins.push(trustedDocumentsPlugin(readTrustedDocuments(config.WAYMARK_TRUSTED_DOCUMENTS), config.WAYMARK_TRUSTED_DOCUMENTS_ONLY));
  }
  return plugins;
}

export function yogaOptions(config: ApiConfig, authenticator: TokenAuthenticator, metrics: ApiMetrics): Omit<YogaDriverConfig, 'driver'> {
  const limiter = new RateLimiter(config.WAYMARK_RATE_LIMIT_PER_MINUTE);
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions: { dateScalarMode: 'isoDate' },
    resolvers: { JSON: JsonScalar },
    graphiql: !config.production,
    landingPage: false,
    // CORS and security headers are set before yoga (bootstrap/graphql-http.ts), with Express's policy.
    cors: false,
    // Replaced by bodyLimitPlugin (the same 413, without a stream per request).
    maxRequestBodySize: false,
    // Production answers unknown errors with a generic message and never a stack trace.
    maskedErrors: config.production ? true : { isDev: config.NODE_ENV === 'development' },
    plugins: [graphqlObserverPlugin(metrics), ...protectionPlugins(config)],
    context: async ({ req }: { req: IncomingRequest }): Promise<RequestContext> => {
      const context = await authenticator.contextFor(header(req, 'authorization'));
      const key = context.principal?.tokenId ?? `anonymous:${req.socket.remoteAddress ?? 'unknown'}`;
      if (!limiter.take(key)) {
        throw new GraphQLError(`Rate limit of ${config.WAYMARK_RATE_LIMIT_PER_MINUTE} requests per minute exceeded for this token; retry shortly.`, {
          extensions: { code: 'RATE_LIMITED', http: { status: 429 } },
        });
      }
      return context;
    },
  };
}
