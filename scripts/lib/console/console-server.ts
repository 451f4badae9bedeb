/**
 * The console's HTTP server (Fastify): the page (with the per-run token embedded), its
 * built assets, JSON for each panel, and the actions. The guards are hooks, not route
 * code: every request passes the Host and same-site checks, every POST the token and
 * JSON check (request-guard.ts), before its body is read; the logs' `lines` is the
 * route's querystring schema (log-lines.ts). It sends no CORS headers and logs nothing:
 * it is a terminal command, and its answers carry the errors.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { contentTypeOf } from '../../../web/server/content-types.ts';
import { CONNECTOR_ACTIONS } from './connector-panel.ts';
import { identityOf } from './console-identity.ts';
import type { ConsolePanels } from './console-panels.ts';
import { DEFAULT_LOG_LINES, LOG_LINES_QUERY, parseLogLines } from './log-lines.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { checkAction, checkHost, checkSite, TOKEN_HEADER } from './request-guard.ts';

export interface ConsoleServerOptions {
  port: number;
  token: string;
  root: string;
  panels: ConsolePanels;
  /** The built page and its assets: a path under the build → its bytes, or undefined. */
  asset: (path: string) => Buffer | undefined;
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  // No framing: a page on another site must not overlay the console's buttons.
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
};

/** Actions take `{}` (what the page sends); anything bigger is refused by Fastify with 413 before a handler runs. */
const ACTION_BODY_LIMIT = 4096;
const ACTION_SCHEMA = { body: { type: 'object', maxProperties: 0 } } as const;

/** The token goes into the page as a meta tag; only a page read from the console (same origin) can see it. */
export function embedToken(html: string, token: string): string {
  const meta = `<meta name="console-token" content="${token}">`;
  return html.includes('</head>') ? html.replace('</head>', `${meta}</head>`) : `${meta}${html}`;
}

const NO_UI = `<!doctype html><html><head><title>Booking console</title></head><body>
<h1>Booking console</h1><p>The console's page is not built. Run <code>npm run console</code> again: it builds the page
(web/console) before it starts. The JSON endpoints under <code>/api/</code> answer already.</p></body></html>`;

/** A refusal before the body was read: tell keep-alive clients this socket is done (FIELD-NOTES). */
function refuse(reply: FastifyReply, status: number, reason: string): FastifyReply {
  return reply.code(status).header('connection', 'close').send({ error: reason });
}

/** A path Fastify cannot route (broken percent-encoding): answered before any hook runs, so it gets the headers here. */
function badUrl(error: Error, _request: unknown, reply: FastifyReply): void {
  void reply.code(400).headers(SECURITY_HEADERS).send({ error: error.message });
}

const pathOf = (request: FastifyRequest) => request.url.split('?')[0]!;

/** Not listening yet: the caller calls `listen({ port, host: '127.0.0.1' })` and `close()`. */
export function createConsoleServer({ port, token, root, panels, asset }: ConsoleServerOptions): FastifyInstance {
  // forceCloseConnections: close() ends the page's keep-alive sockets too, so Ctrl-C stops the console at once.
  const app = Fastify({ logger: false, bodyLimit: ACTION_BODY_LIMIT, forceCloseConnections: true, frameworkErrors: badUrl });
  const trace = oneAtATime('a golden-path trace', () => panels.trace());

  // onRequest runs for every request, routed or not, before any body is read.
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    const verdicts = [checkHost(request.headers.host, port), checkSite(request.headers, port)];
    if (request.method === 'POST') verdicts.push(checkAction(request.headers, token));
    const refused = verdicts.find((verdict) => !verdict.ok);
    if (refused && !refused.ok) return refuse(reply, refused.status, refused.reason);
  });

  app.setErrorHandler((error: { statusCode?: number; validationContext?: string; message?: string }, request, reply) => {
    // The one querystring with a rule: the logs' lines, refused with the range and an example.
    if (error.validationContext === 'querystring' && pathOf(request).endsWith('/logs')) {
      const verdict = parseLogLines(String((request.query as { lines?: unknown }).lines));
      return reply.code(400).send({ error: verdict.ok ? error.message : verdict.reason });
    }
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    const message = String(error.message ?? error);
    // A body Fastify refused (empty, too large, with fields): say what an action takes.
    return reply.code(status).send({ error: request.method === 'POST' && status < 500 ? `${message}: an action takes the JSON body {}, as the console's page sends` : message });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request);
    if (!['GET', 'HEAD', 'POST'].includes(request.method)) return refuse(reply, 405, `${request.method} is not allowed`);
    if (request.method === 'POST') return reply.code(404).send({ error: `no action at ${path}` });
    if (path.startsWith('/api/')) return reply.code(404).send({ error: `no endpoint ${path}` });
    const file = path.includes('..') ? undefined : asset(path.slice(1));
    if (file) return reply.type(contentTypeOf(path)).send(file);
    return reply.code(404).type('text/plain; charset=utf-8').send(`not found: ${path}`);
  });

  app.get('/api/identity', async () => identityOf(root));
  app.get('/api/services', () => panels.services());
  app.get<{ Params: { service: string }; Querystring: { lines?: string } }>(
    '/api/services/:service/logs',
    { schema: { params: { type: 'object', properties: { service: { type: 'string', pattern: '^[a-z0-9-]+$' } } }, querystring: LOG_LINES_QUERY } },
    (request) => panels.logs(request.params.service, Number(request.query.lines ?? DEFAULT_LOG_LINES)),
  );
  app.get('/api/haproxy', () => panels.haproxy());
  app.get('/api/connector', () => panels.connector());
  app.get('/api/indexer', () => panels.indexer());
  app.get<{ Querystring: { id?: string } }>('/api/changes', { schema: { querystring: { type: 'object', properties: { id: { type: 'string' } } } } }, (request) => panels.changes(request.query.id));
  app.get('/api/search-drift', () => panels.searchDrift());
  app.get('/api/search-verify', () => panels.verify());
  app.get('/api/reindex', async () => panels.reindexState());
  // The saga panel; `number` narrows it to one booking (a booking number is 10 digits).
  app.get<{ Querystring: { number?: string } }>(
    '/api/saga',
    { schema: { querystring: { type: 'object', properties: { number: { type: 'string', pattern: '^[0-9]{0,10}$' } } } } },
    (request) => panels.saga(request.query.number),
  );
  app.get('/api/saga/outbox', () => panels.outbox());

  for (const action of CONNECTOR_ACTIONS) app.post(`/api/connector/${action}`, { schema: ACTION_SCHEMA }, () => panels.connectorAction(action));
  app.post('/api/trace', { schema: ACTION_SCHEMA }, async (_request, reply) => {
    // 409: one trace at a time, as for the reindex below.
    const answer = await trace();
    return answer.ran ? answer.value : reply.code(409).send({ error: answer.reason });
  });
  app.post('/api/reindex', { schema: ACTION_SCHEMA }, async (_request, reply) => {
    const answer = panels.startReindex();
    // 409: one reindex at a time (reindex-job.ts); the body says which run is under way.
    return answer.started ? reply.code(202).send(answer.state) : reply.code(409).send({ error: answer.reason, state: answer.state });
  });

  const page = async (_request: FastifyRequest, reply: FastifyReply) => {
    const html = asset('index.html');
    return reply.type(contentTypeOf('index.html')).send(embedToken(html ? html.toString('utf8') : NO_UI, token));
  };
  app.get('/', page);
  app.get('/index.html', page);
  return app;
}

export { TOKEN_HEADER };
