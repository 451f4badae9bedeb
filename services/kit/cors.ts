/**
 * An explicit CORS policy: only the origins in CORS_ORIGINS may call the API from
 * a browser. Requests without an Origin header (curl, HAProxy checks, other
 * services) are not affected by CORS at all.
 *
 * `*` lets any origin read (GET, HEAD), never write: with it any web page a
 * developer opens could create and delete hotels through their browser. The
 * doctor refuses `*` in .env; this is the second line, for a value set some other
 * way (a shell variable, a hand-edited compose file).
 */
export interface CorsPolicy {
  anyOriginReads: boolean;
  origins: ReadonlySet<string>;
  /** What a preflight may ask to send (Access-Control-Allow-Headers). */
  allowedHeaders: string;
  /** What the page may read of an answer (Access-Control-Expose-Headers). */
  exposedHeaders: string;
}

/**
 * A service's own request headers (the booking API's Idempotency-Key and X-Booking-Pin) are
 * not CORS-safelisted: a page on an allowed origin sends them only after a preflight that
 * lists them, so the service names them here. Likewise a response header the page must read
 * (Retry-After on a 429) is exposed by name.
 */
export interface CorsHeaders {
  allowHeaders?: string[];
  exposeHeaders?: string[];
}

const corsMethods = 'GET, POST, PUT, DELETE, OPTIONS';
const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const corsReadMethods = 'GET, HEAD, OPTIONS';
const corsAllowedHeaders = ['Content-Type', 'X-Request-ID'];
const corsExposedHeaders = ['X-Served-By', 'X-Request-ID', 'Location'];

export function createCorsPolicy(origins: string[], headers: CorsHeaders = {}): CorsPolicy {
  const listed = origins.filter((o) => o !== '*').map((o) => o.replace(/\/+$/, ''));
  return {
    anyOriginReads: origins.includes('*'),
    origins: new Set(listed),
    allowedHeaders: [...corsAllowedHeaders, ...(headers.allowHeaders ?? [])].join(', '),
    exposedHeaders: [...corsExposedHeaders, ...(headers.exposeHeaders ?? [])].join(', '),
  };
}

/** What the browser asks for: the request itself, or (preflight) the method it means to send. */
export interface CorsRequest {
  origin: string | undefined;
  method: string;
  preflight: boolean;
}

export type CorsDecision =
  | { kind: 'not-cors'; headers: Record<string, string> }
  | { kind: 'allowed'; headers: Record<string, string> }
  | { kind: 'denied'; headers: Record<string, string>; reason: string };

export function decideCors(policy: CorsPolicy, { origin, method, preflight }: CorsRequest): CorsDecision {
  // Vary: Origin on every answer, so a cache never serves one origin's answer to another.
  const vary = { Vary: 'Origin' };
  if (!origin) return { kind: 'not-cors', headers: vary };
  const listed = policy.origins.has(origin);
  if (!listed && !policy.anyOriginReads) {
    return { kind: 'denied', headers: vary, reason: `origin ${origin} is not allowed; add it to CORS_ORIGINS in .env` };
  }
  if (!listed && !readMethods.has(method.toUpperCase())) {
    return {
      kind: 'denied',
      headers: vary,
      reason: `CORS_ORIGINS=* lets any origin read, not ${method}; list ${origin} in CORS_ORIGINS in .env to let it write`,
    };
  }

  const headers: Record<string, string> = {
    ...vary,
    'Access-Control-Allow-Origin': listed ? origin : '*',
    'Access-Control-Expose-Headers': policy.exposedHeaders,
  };
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = listed ? corsMethods : corsReadMethods;
    headers['Access-Control-Allow-Headers'] = policy.allowedHeaders;
    headers['Access-Control-Max-Age'] = '600';
  }
  return { kind: 'allowed', headers };
}
