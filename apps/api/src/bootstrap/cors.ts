const ALLOWED_HEADERS = 'authorization,content-type,accept,x-request-id,traceparent,tracestate';
const METHODS = 'GET,POST,OPTIONS';
const MAX_AGE_SECONDS = '600';

// The slices of Node's request and response that CORS reads and writes.
interface CorsRequest {
  method?: string | undefined;
  headers: { origin?: string | undefined };
}

interface CorsResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(): unknown;
}

// Answers a preflight itself (true) or adds the CORS headers to the response (false).
export type CorsPolicy = (req: CorsRequest, res: CorsResponse) => boolean;

// The `cors` package's behaviour for our settings, with its headers worked out once: an allowed
// Origin is echoed (`*` allows any), a foreign one gets no Access-Control-Allow-Origin; credentials
// are never allowed (the API authenticates with bearer tokens, not cookies).
export function corsPolicy(origins: string): CorsPolicy {
  const list = origins.split(',').map((origin) => origin.trim());
  const allowed = (origin: string) => origins === '*' || list.includes(origin);
  return (req, res) => {
    const origin = req.headers.origin;
    if (origin && allowed(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'x-request-id');
    if (req.method !== 'OPTIONS') return false;
    res.setHeader('Access-Control-Allow-Methods', METHODS);
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', MAX_AGE_SECONDS);
    res.statusCode = 204;
    res.setHeader('Content-Length', '0');
    res.end();
    return true;
  };
}

// The same policy as Express middleware, for the routes Express serves.
export function corsMiddleware(policy: CorsPolicy) {
  return (req: CorsRequest, res: CorsResponse, next: () => void): void => {
    if (!policy(req, res)) next();
  };
}
