/**
 * An explicit CORS policy: only the origins in CORS_ORIGINS (or any, with `*`)
 * may call the API from a browser. Requests without an Origin header (curl,
 * HAProxy checks, other services) are not affected by CORS at all.
 */
export interface CorsPolicy {
  anyOrigin: boolean;
  origins: ReadonlySet<string>;
}

const corsMethods = 'GET, POST, PUT, DELETE, OPTIONS';
const corsAllowedHeaders = 'Content-Type, X-Request-ID';
const corsExposedHeaders = 'X-Served-By, X-Request-ID, Location';

export function createCorsPolicy(origins: string[]): CorsPolicy {
  return { anyOrigin: origins.includes('*'), origins: new Set(origins.map((o) => o.replace(/\/+$/, ''))) };
}

export type CorsDecision =
  | { kind: 'not-cors'; headers: Record<string, string> }
  | { kind: 'allowed'; headers: Record<string, string> }
  | { kind: 'denied'; headers: Record<string, string> };

export function decideCors(policy: CorsPolicy, origin: string | undefined, preflight: boolean): CorsDecision {
  // Vary: Origin on every answer, so a cache never serves one origin's answer to another.
  const vary = { Vary: 'Origin' };
  if (!origin) return { kind: 'not-cors', headers: vary };
  if (!policy.anyOrigin && !policy.origins.has(origin)) return { kind: 'denied', headers: vary };

  const headers: Record<string, string> = {
    ...vary,
    'Access-Control-Allow-Origin': policy.anyOrigin ? '*' : origin,
    'Access-Control-Expose-Headers': corsExposedHeaders,
  };
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = corsMethods;
    headers['Access-Control-Allow-Headers'] = corsAllowedHeaders;
    headers['Access-Control-Max-Age'] = '600';
  }
  return { kind: 'allowed', headers };
}
