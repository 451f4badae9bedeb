/**
 * catalog-api's HTTP layer: the kit's service (request ids, CORS, JSON in and
 * out, 404/405/413/415, error shape, access log, health) plus this service's
 * routes, each handed to a handler that knows nothing of HTTP. No request, however
 * odd, may crash the process: every failure becomes an answer. Everything it does
 * not own (handlers, logger, drain state) is passed in.
 */
import type { FastifyInstance } from 'fastify';
import type { CorsPolicy } from '../kit/cors.ts';
import { createService } from '../kit/http-service.ts';
import type { Logger } from '../kit/logger.ts';
import { toHttpError } from './dependency-errors.ts';
import type { Handler } from './handlers.ts';
import { catalogRoutes, readinessPath, type RouteName } from './routes.ts';

export interface AppOptions {
  handlers: Record<RouteName, Handler>;
  cors: CorsPolicy;
  serviceName: string;
  bodyLimitBytes: number;
  log: Logger;
  isDraining: () => boolean;
}

export function buildApp(options: AppOptions): FastifyInstance {
  const { handlers } = options;
  const app = createService({
    name: options.serviceName,
    log: options.log,
    bodyLimitBytes: options.bodyLimitBytes,
    cors: options.cors,
    isDraining: options.isDraining,
    readiness: { path: readinessPath, check: () => handlers.apiHealth(noRequest) },
    serviceError: toHttpError,
  });
  for (const route of catalogRoutes) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const params = request.params as Record<string, string>;
        const response = await handlers[route.name]({
          params: params.id === undefined ? [] : [params.id],
          query: new URL(request.url, 'http://localhost').searchParams,
          body: request.body,
        });
        if (response.headers) reply.headers(response.headers);
        return reply.code(response.status).send(response.body);
      },
    });
  }
  return app;
}

const noRequest = { params: [], query: new URLSearchParams(), body: undefined };
