/**
 * The HTTP side of every service, on Fastify 5 (https://fastify.dev/docs/latest/Reference/Server/):
 * the rules are set here once, and a service adds only its routes.
 *
 * - request ids: the edge's X-Request-ID when it is a UUID, else a new one (request-id.ts),
 *   in the answer, the access log and every error body;
 * - CORS by an explicit origin list (cors.ts), checked before anything else runs;
 * - writes (POST, PUT, PATCH) must declare a JSON body, else 415 before the body is
 *   read (json-content-type.ts); Fastify reads the body under `bodyLimit` (413) and
 *   parses it as JSON; route schemas validate input and serialize output; a route with
 *   `config: BYTE_BODY_ROUTE` takes raw bytes instead (byte-body.ts), under its own `bodyLimit`;
 * - 404 for an unknown path, 405 with `Allow` for a known path and another method;
 * - one JSON error shape (error-answer.ts), one access-log line per request (pino);
 * - an answer sent before the request's body was read says `Connection: close`, so a
 *   keep-alive client (HAProxy) does not reuse a socket the server is about to close
 *   (haproxy/haproxy.cfg); while draining, every answer says so too;
 * - GET/HEAD /healthz: liveness, 503 while draining; an optional readiness route.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { allowedMethods, type DeclaredRoute } from './allowed-methods.ts';
import { BYTE_CONTENT_TYPES, isByteContentType, takesBytes } from './byte-body.ts';
import { decideCors, type CorsPolicy } from './cors.ts';
import { errorAnswer } from './error-answer.ts';
import { HttpError } from './http-error.ts';
import { isJsonContentType } from './json-content-type.ts';
import type { Logger } from './logger.ts';
import { requestIdOf } from './request-id.ts';

/** A health answer: the HTTP status and the JSON body. */
export interface HealthAnswer {
  status: number;
  body?: unknown;
}

export interface ServiceOptions {
  /** Sent as X-Served-By on every answer (which replica answered). */
  name: string;
  log: Logger;
  /** Larger request bodies are refused with 413. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Browsers' access; without a policy, no CORS headers are sent and none are checked. */
  cors?: CorsPolicy;
  isDraining?: () => boolean;
  /** GET/HEAD /healthz; by default `{ status: 'ok' | 'draining', service }`, 503 while draining. */
  liveness?: () => Promise<HealthAnswer>;
  /** A route that says whether the service can do its work (its dependencies answer). */
  readiness?: { path: string; check: () => Promise<HealthAnswer> };
  /** Maps a failure the kit does not know (a dependency's error) to an answer; default 500. */
  serviceError?: (error: unknown) => HttpError;
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH']);

export function createService(options: ServiceOptions): FastifyInstance {
  const { log, name, isDraining = () => false } = options;
  const bodyLimitBytes = options.bodyLimitBytes ?? 1024 * 1024;
  const routes: DeclaredRoute[] = [];

  const app = Fastify({
    loggerInstance: log.pino as FastifyBaseLogger,
    // One access line per request, written below, instead of Fastify's two. Through a
    // LogController: the top-level options say the same but are deprecated in Fastify 5.12,
    // which printed a warning at every service start.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: (req) => requestIdOf(req.headers['x-request-id']),
    bodyLimit: bodyLimitBytes,
    // Route schemas check what the client sent as it sent it: no coercion ("1" is not an
    // integer), no silent removal (an unknown field is refused, not dropped), and every
    // problem at once, so one 400 names every field to fix. Params and query strings are
    // strings: declare them so and parse in code.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
    // Keep idle sockets open longer than HAProxy keeps them, so the proxy closes first:
    // when the server closes a socket the proxy is reusing, the request in flight fails.
    keepAliveTimeout: 65_000,
    // HEAD only where a route declares it; elsewhere it is 405 like any other method.
    exposeHeadRoutes: false,
    routerOptions: { ignoreTrailingSlash: true },
    // Requests the router cannot even take apart: a target that is not a URL, or a
    // path whose percent-encoding is not UTF-8. The client's error, answered as such.
    frameworkErrors: (error, request, reply) => {
      sendError(reply, request, badTarget(request.raw.url ?? '/') ?? error);
    },
  });

  // Fastify's JSON parser (with its prototype-poisoning guard), except that an empty
  // body is no body on a method that takes none (a DELETE sent with the header
  // Content-Type: application/json and nothing after it is a valid DELETE), and a
  // path the service does not have is 404/405 whatever its body holds.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (request.is404 || (body === '' && !writeMethods.has(request.method))) return done(null, undefined);
    return parseJson(request, body as string, done);
  });

  // Byte routes' bodies arrive as a Buffer; any other route refuses these types below (415).
  app.addContentTypeParser(BYTE_CONTENT_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Served-By', name).header('X-Request-ID', request.id);
    if (options.cors) {
      const preflight = answerCors(options.cors, request, reply);
      if (preflight) return reply.code(204).send();
    }
    // The router's 404/405 come first, as for any path the service does not have.
    if (writeMethods.has(request.method) && !request.is404 && takesBytes(request.routeOptions.config)) {
      if (isByteContentType(request.headers['content-type'])) return;
      const got = request.headers['content-type'];
      throw new HttpError(
        415,
        'unsupported_media_type',
        `${request.method} takes the file's bytes as the body: send the header Content-Type: application/octet-stream (or image/<type>) (got ${got ? `"${got}"` : 'no Content-Type'})`,
      );
    }
    if (writeMethods.has(request.method) && !request.is404 && !isJsonContentType(request.headers['content-type'])) {
      const got = request.headers['content-type'];
      throw new HttpError(
        415,
        'unsupported_media_type',
        `${request.method} takes a JSON body: send the header Content-Type: application/json (got ${got ? `"${got}"` : 'no Content-Type'})`,
      );
    }
  });

  app.addHook('onSend', async (request, reply) => {
    if (isDraining() || !request.raw.complete) reply.header('Connection', 'close');
  });

  app.addHook('onResponse', async (request, reply) => {
    log.info('request', {
      requestId: request.id,
      method: request.method,
      path: loggedPath(request),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    });
  });

  app.setErrorHandler((error, request, reply) => sendError(reply, request, error));

  app.setNotFoundHandler((request, reply) => {
    const path = loggedPath(request);
    const allow = allowedMethods(routes, path);
    if (allow.length === 0) return sendError(reply, request, new HttpError(404, 'not_found', `no route for ${request.method} ${path}`));
    reply.header('Allow', allow.join(', '));
    return sendError(reply, request, new HttpError(405, 'method_not_allowed', `${request.method} is not allowed here; use ${allow.join(', ')}`));
  });

  function sendError(reply: FastifyReply, request: FastifyRequest, error: unknown) {
    // A route's own limit (a byte route's) when it has one.
    const limit = request.routeOptions?.bodyLimit ?? bodyLimitBytes;
    const answer = errorAnswer(error, request.id, { bodyLimitBytes: limit, serviceError: options.serviceError });
    if (answer.status >= 500) log.error('request failed', { requestId: request.id, method: request.method, path: loggedPath(request), error });
    reply.header('X-Served-By', name).header('X-Request-ID', request.id);
    if (isDraining() || !request.raw.complete) reply.header('Connection', 'close');
    return reply.code(answer.status).send(answer.body);
  }

  const liveness =
    options.liveness ??
    (async (): Promise<HealthAnswer> =>
      isDraining() ? { status: 503, body: { status: 'draining', service: name } } : { status: 200, body: { status: 'ok', service: name } });
  app.route({
    method: ['GET', 'HEAD'],
    url: '/healthz',
    handler: async (_request, reply) => {
      const { status, body } = await liveness();
      return reply.code(status).send(body);
    },
  });
  if (options.readiness) {
    const { check } = options.readiness;
    app.get(options.readiness.path, async (_request, reply) => {
      const { status, body } = await check();
      return reply.code(status).send(body);
    });
  }
  return app;
}

/** Sets the CORS headers; throws 403 for a refused origin; true when this is a preflight to answer now. */
function answerCors(policy: CorsPolicy, request: FastifyRequest, reply: FastifyReply): boolean {
  const requestedMethod = headerValue(request.headers['access-control-request-method']);
  const preflight = request.method === 'OPTIONS' && requestedMethod !== undefined;
  const decision = decideCors(policy, {
    origin: headerValue(request.headers.origin),
    method: preflight ? requestedMethod : request.method,
    preflight,
  });
  reply.headers(decision.headers);
  if (decision.kind === 'denied') throw new HttpError(403, 'origin_not_allowed', decision.reason);
  return preflight;
}

/** Why the router refused the target: not a URL at all, or a segment that does not decode. */
function badTarget(target: string): HttpError | undefined {
  let url: URL;
  try {
    url = new URL(target, 'http://localhost');
  } catch {
    return new HttpError(400, 'invalid_request_target', 'the request target is not a valid URL; send a path such as /api/hotels/1');
  }
  const raw = url.pathname.split('/').find((segment) => !decodes(segment));
  if (raw === undefined) return undefined;
  return new HttpError(400, 'invalid_path', `the path segment "${raw.slice(0, 100)}" is not valid percent-encoded UTF-8`);
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** The path for logs and messages, bounded: it is whatever the client sent. */
function loggedPath(request: FastifyRequest): string {
  const target = request.raw.url ?? '/';
  const query = target.indexOf('?');
  return (query === -1 ? target : target.slice(0, query)).slice(0, 200);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
