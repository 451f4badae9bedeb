/**
 * Which browser origins `npm run dev:web`'s /api proxy forwards. The dev page reaches
 * the API through the proxy, so the proxy must present an origin the API allows; it
 * used to put the dev server's own origin on every request, and with it any page on
 * any `http://localhost:*` port got the writes the API refuses it on HTTP_PORT. Now:
 * - the dev server's own origin, under either name the browser may use (localhost or
 *   127.0.0.1), is forwarded as the one the API allows (stack-config.ts);
 * - an origin the typed config allows (the stack's page, CORS_ORIGINS) is forwarded as it is;
 * - any other is answered here with the API's own 403 `origin_not_allowed` and never
 *   forwarded. The rule is the API's (services/kit/cors.ts), so the two agree.
 * A request without Origin (not a CORS request) passes untouched, as it does at the API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCorsPolicy, decideCors } from '../../../services/catalog-api/contract.ts';
import type { StackConfig } from '../config/stack-config.ts';
import { API_PROXY_CONTEXT } from './dev-server-options.ts';

export type DevOriginVerdict = { forward: true; origin: string | undefined } | { forward: false; status: 403; body: string };

export function devOriginRule(stack: StackConfig) {
  const devOrigin = stack.urls.devServer.replace(/\/$/, '');
  const devOriginByName = `http://localhost:${stack.devServerPort}`;
  const policy = createCorsPolicy([...stack.corsOrigins, devOriginByName]);
  return (request: { origin: string | undefined; method: string; requestedMethod: string | undefined }): DevOriginVerdict => {
    const preflight = request.method === 'OPTIONS' && request.requestedMethod !== undefined;
    const decision = decideCors(policy, { origin: request.origin, method: preflight ? request.requestedMethod! : request.method, preflight });
    if (decision.kind === 'denied') {
      return { forward: false, status: 403, body: JSON.stringify({ error: { code: 'origin_not_allowed', message: `${decision.reason} (refused by the dev server's proxy)` } }) };
    }
    return { forward: true, origin: request.origin === devOriginByName ? devOrigin : request.origin };
  };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * A Vite plugin: its middleware runs before Vite's proxy (configureServer's middlewares
 * come first), on exactly what the proxy takes (API_PROXY_CONTEXT).
 */
export function devOriginGuard(stack: StackConfig) {
  const rule = devOriginRule(stack);
  return {
    name: 'booking-dev-origin-guard',
    configureServer(server: { middlewares: { use(fn: (req: IncomingMessage, res: ServerResponse, next: () => void) => void): unknown } }) {
      server.middlewares.use((req, res, next) => {
        if (!(req.url ?? '').startsWith(API_PROXY_CONTEXT)) return next();
        const verdict = rule({ origin: first(req.headers.origin), method: req.method ?? 'GET', requestedMethod: first(req.headers['access-control-request-method']) });
        if (!verdict.forward) {
          // The body may be unread: the socket is done, as the API says for its early answers.
          res.writeHead(verdict.status, { 'content-type': 'application/json; charset=utf-8', vary: 'Origin', connection: 'close' }).end(verdict.body);
          return;
        }
        if (verdict.origin !== undefined) req.headers.origin = verdict.origin;
        next();
      });
    },
  };
}
