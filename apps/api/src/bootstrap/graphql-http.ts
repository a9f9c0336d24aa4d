import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { GraphqlServer } from '../common/graphql/yoga.driver.js';
import type { CorsPolicy } from './cors.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const SLASH = 47;
const QUERY = 63;

// The paths Express's app.use('/graphql') would hand to yoga: /graphql, /graphql/…, /graphql?….
export function isGraphqlPath(url: string | undefined): boolean {
  if (!url?.startsWith('/graphql')) return false;
  const next = url.charCodeAt(8);
  return Number.isNaN(next) || next === SLASH || next === QUERY;
}

export interface GraphqlHttpParts {
  graphql: GraphqlServer;
  observe: Handler;
  securityHeaders: (res: ServerResponse) => void;
  cors: CorsPolicy;
}

// /graphql without Express: the same request id, log line, metrics, span, security headers and
// CORS as every other route; yoga does the rest (body limit, the 400 for a body without a query).
export function graphqlHttpHandler({ graphql, observe, securityHeaders, cors }: GraphqlHttpParts): Handler {
  return (req, res) => {
    observe(req, res);
    securityHeaders(res);
    if (cors(req, res)) return;
    void graphql.requestListener(req, res);
  };
}

// Express's router and middleware chain cost more per request than executing the query, so the
// Node server hands /graphql to its own handler and everything else to Express.
export function serveGraphqlAhead(server: Server, express: RequestListener, graphql: Handler): void {
  if (!server.listeners('request').includes(express)) throw new Error('the HTTP server does not dispatch to the Express app');
  server.removeListener('request', express);
  server.prependListener('request', (req, res) => (isGraphqlPath(req.url) ? graphql(req, res) : express(req, res)));
}
