/**
 * The HTTP layer of catalog-api: request id, CORS, routing, JSON in and out,
 * error mapping and one access-log line per request. Everything it does not own
 * (handlers, logger, clock) is passed in.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../lib/logger.ts';
import { decideCors, type CorsPolicy } from './cors.ts';
import { toHttpError } from './dependency-errors.ts';
import type { Handler, HandlerResponse } from './handlers.ts';
import { HttpError } from './http-error.ts';
import { readJsonBody } from './read-json-body.ts';
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
  const { log, now = () => performance.now() } = options;

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = now();
    // HAProxy sets X-Request-ID; keep it so one id follows the request across logs.
    const requestId = headerValue(req.headers['x-request-id']) ?? randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const baseHeaders: Record<string, string> = { 'X-Served-By': options.serviceName, 'X-Request-ID': requestId };
    if (options.isDraining()) baseHeaders.Connection = 'close';

    let response: HandlerResponse;
    try {
      response = await route(options, req, method, url, baseHeaders);
    } catch (error) {
      const httpError = toHttpError(error);
      if (httpError.status >= 500) log.error('request failed', { requestId, method, path: url.pathname, error });
      response = errorResponse(httpError, requestId);
      // The client may still be sending an oversized body; do not keep reading it.
      if (httpError.status === 413) baseHeaders.Connection = 'close';
    }

    send(res, response, baseHeaders);
    log.info('request', {
      requestId,
      method,
      path: url.pathname,
      status: response.status,
      durationMs: Math.round((now() - started) * 10) / 10,
    });
  };
}

async function route(
  options: AppOptions,
  req: IncomingMessage,
  method: string,
  url: URL,
  headers: Record<string, string>,
): Promise<HandlerResponse> {
  const origin = headerValue(req.headers.origin);
  const preflight = method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  const cors = decideCors(options.cors, origin, preflight);
  Object.assign(headers, cors.headers);
  if (cors.kind === 'denied') {
    throw new HttpError(403, 'origin_not_allowed', `origin ${origin} is not allowed; add it to CORS_ORIGINS in .env`);
  }
  if (preflight) return { status: 204 };

  const match = matchRoute(method, url.pathname);
  if (match.kind === 'not-found') throw new HttpError(404, 'not_found', `no route for ${method} ${url.pathname}`);
  if (match.kind === 'method-not-allowed') {
    headers.Allow = match.allow.join(', ');
    throw new HttpError(405, 'method_not_allowed', `${method} is not allowed here; use ${headers.Allow}`);
  }
  return options.handlers[match.name]({
    params: match.params,
    query: url.searchParams,
    readBody: () => readJsonBody(req, options.bodyLimitBytes),
  });
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
