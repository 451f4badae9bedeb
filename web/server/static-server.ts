/**
 * The front end's server (Fastify): every request, whatever its path or method, gets
 * what static-files.ts decides for it from web/dist, read into memory once at start.
 * Not @fastify/static: it reads the disk on every request and adds what this server
 * must not (Range and 206, ETag and 304 on index.html, dotfiles served by default, its own
 * MIME table), while the answers here are a pure function the unit tests pin.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { contentTypeOf } from './content-types.ts';
import { answer, type StaticFile } from './static-files.ts';

export function loadFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const urlPath = `/${relative(root, full).split(sep).join('/')}`;
    files.set(urlPath, { body: readFileSync(full), contentType: contentTypeOf(urlPath) });
  }
  return files;
}

export interface StaticServerOptions {
  /** pino's options (Fastify's `logger`); false logs nothing. */
  logger?: boolean | { level: string };
}

export function createStaticServer(files: ReadonlyMap<string, StaticFile>, { logger = false }: StaticServerOptions = {}): FastifyInstance {
  const reply = (request: FastifyRequest, sent: FastifyReply) => {
    const result = answer(request.method, request.url, files);
    return sent.code(result.status).headers(result.headers).send(result.body);
  };
  const app = Fastify({
    logger,
    // HAProxy logs every request; the healthcheck alone would write a line every 5 s.
    logController: new LogController({ disableRequestLogging: true }),
    // Longer than HAProxy's idle timeout, so HAProxy closes an idle connection first, never a request in flight.
    keepAliveTimeout: 65_000,
    // A path the router cannot decode is still answered by static-files.ts (400, with the page's headers).
    frameworkErrors: (_error, request, sent) => void reply(request, sent),
  });
  // Every method, so static-files.ts answers the 405; the not-found handler takes the methods Fastify does not route.
  app.all('/*', reply);
  app.setNotFoundHandler(reply);
  return app;
}

/** Reads the build and listens; the caller closes the returned app. */
export function startStaticServer(root: string, port: number, host = '0.0.0.0', options: StaticServerOptions = {}) {
  const files = loadFiles(root);
  const app = createStaticServer(files, options);
  return { app, files, listening: app.listen({ port, host }).then(() => undefined) };
}
