/**
 * The HTTP layer of catalog-api: request id, CORS, routing, JSON in and out,
 * error mapping and one access-log line per request. No request, however odd,
 * may crash the process: every failure becomes an answer. Everything it does not own
 * (handlers, logger, clock) is passed in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../lib/logger.ts';
import { decideCors, type CorsPolicy } from './cors.ts';
import { toHttpError } from './dependency-errors.ts';
import type { Handler, HandlerResponse } from './handlers.ts';
import { HttpError } from './http-error.ts';
import { isJsonContentType } from './json-content-type.ts';
import { readJsonBody } from './read-json-body.ts';
import { requestIdOf } from './request-id.ts';
import { parseRequestTarget } from './request-target.ts';
import { matchRoute, type RouteName } from './routes.ts';

export interface AppOptions {
  handlers: Record<RouteName, Handler>;
  cors: CorsPolicy;
  serviceName: string;
  bodyLimitBytes: number;
  log: Logger;
  isDraining: () => boolean;
  now?: () => number;
}

export function createRequestListener(options: AppOptions) {
  const { log } = options;

  // node:http does not await this promise: a rejection would be unhandled and end
  // the process, so one odd request would take the replica down. It never rejects.
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // HAProxy's id, so one id follows the request across logs; never a client's free text.
    const requestId = requestIdOf(req.headers['x-request-id']);
    const baseHeaders: Record<string, string> = { 'X-Served-By': options.serviceName, 'X-Request-ID': requestId };
    try {
      await answer(options, req, res, requestId, baseHeaders);
    } catch (error) {
      try {
        log.error('request listener failed', { requestId, method: req.method, target: loggedTarget(req), error });
      } catch {
        // Even the log failed: the answer below must still go out.
      }
      answerUnexpected(res, requestId, baseHeaders);
    }
  };
}

async function answer(
  options: AppOptions,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  baseHeaders: Record<string, string>,
): Promise<void> {
  const { log, now = () => performance.now() } = options;
  const started = now();
  const method = req.method ?? 'GET';
  let path = loggedTarget(req);
  if (options.isDraining()) baseHeaders.Connection = 'close';

  let response: HandlerResponse;
  try {
    const url = parseRequestTarget(req.url);
    path = url.pathname;
    response = await route(options, req, method, url, baseHeaders);
  } catch (error) {
    const httpError = toHttpError(error);
    if (httpError.status >= 500) log.error('request failed', { requestId, method, path, error });
    response = errorResponse(httpError, requestId);
  }
  // Answered before the whole body arrived (413, 415, a bad id on PUT): close the
  // connection rather than read and discard an unbounded rest. Say so, or a
  // keep-alive client reuses a socket the server is about to close.
  if (!req.complete) baseHeaders.Connection = 'close';

  send(res, response, baseHeaders);
  log.info('request', {
    requestId,
    method,
    path,
    status: response.status,
    durationMs: Math.round((now() - started) * 10) / 10,
  });
}

async function route(
  options: AppOptions,
  req: IncomingMessage,
  method: string,
  url: URL,
  headers: Record<string, string>,
): Promise<HandlerResponse> {
  const requestedMethod = headerValue(req.headers['access-control-request-method']);
  const preflight = method === 'OPTIONS' && requestedMethod !== undefined;
  const cors = decideCors(options.cors, {
    origin: headerValue(req.headers.origin),
    method: preflight ? requestedMethod : method,
    preflight,
  });
  Object.assign(headers, cors.headers);
  if (cors.kind === 'denied') throw new HttpError(403, 'origin_not_allowed', cors.reason);
  if (preflight) return { status: 204 };

  const match = matchRoute(method, url.pathname);
  if (match.kind === 'not-found') throw new HttpError(404, 'not_found', `no route for ${method} ${url.pathname}`);
  if (match.kind === 'method-not-allowed') {
    headers.Allow = match.allow.join(', ');
    throw new HttpError(405, 'method_not_allowed', `${method} is not allowed here; use ${headers.Allow}`);
  }
  if (match.kind === 'malformed-parameter') {
    throw new HttpError(400, 'invalid_path', `the path segment "${match.raw}" is not valid percent-encoded UTF-8`);
  }
  const contentType = headerValue(req.headers['content-type']);
  if (writeMethods.has(method) && !isJsonContentType(contentType)) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      `${method} takes a JSON body: send the header Content-Type: application/json (got ${contentType ? `"${contentType}"` : 'no Content-Type'})`,
    );
  }
  return options.handlers[match.name]({
    params: match.params,
    query: url.searchParams,
    readBody: () => readJsonBody(req, options.bodyLimitBytes),
  });
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH']);

/** The last resort: a 500 if nothing was sent yet, else cut the connection. Never throws. */
function answerUnexpected(res: ServerResponse, requestId: string, baseHeaders: Record<string, string>): void {
  try {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const error = new HttpError(500, 'internal_error', 'unexpected error; see the service log for the request id');
    send(res, errorResponse(error, requestId), { ...baseHeaders, Connection: 'close' });
  } catch {
    res.destroy();
  }
}

/** The raw target for the log, bounded: it is whatever the client sent. */
function loggedTarget(req: IncomingMessage): string {
  return (req.url ?? '/').slice(0, 200);
}

function errorResponse(error: HttpError, requestId: string): HandlerResponse {
  const body = { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) }, requestId };
  return { status: error.status, body };
}

function send(res: ServerResponse, response: HandlerResponse, baseHeaders: Record<string, string>): void {
  const headers: Record<string, string> = { ...baseHeaders, ...response.headers };
  if (response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  const payload = JSON.stringify(response.body);
  headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers).end(payload);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
