/**
 * The console's HTTP server: the page (with the per-run token embedded), its built
 * assets, JSON for each panel, and the actions. Every request passes the Host and
 * same-site checks; every action the token check (request-guard.ts). It sends no CORS headers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { isConnectorAction } from './connector-panel.ts';
import { identityOf } from './console-identity.ts';
import type { ConsolePanels } from './console-panels.ts';
import { parseLogLines } from './log-lines.ts';
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

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  // No framing: a page on another site must not overlay the console's buttons.
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
};

/** The token goes into the page as a meta tag; only a page read from the console (same origin) can see it. */
export function embedToken(html: string, token: string): string {
  const meta = `<meta name="console-token" content="${token}">`;
  return html.includes('</head>') ? html.replace('</head>', `${meta}</head>`) : `${meta}${html}`;
}

const NO_UI = `<!doctype html><html><head><title>Booking console</title></head><body>
<h1>Booking console</h1><p>The console's page is not built. Run <code>npm run console</code> again: it builds the page
(web/console) before it starts. The JSON endpoints under <code>/api/</code> answer already.</p></body></html>`;

export function createConsoleServer({ port, token, root, panels, asset }: ConsoleServerOptions): Server {
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...extra }).end(body);
  };
  const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
  const refuse = (res: ServerResponse, status: number, reason: string) =>
    // The body was not read: tell keep-alive clients this socket is done (FIELD-NOTES).
    send(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: reason }), { connection: 'close' });
  const trace = oneAtATime('a golden-path trace', () => panels.trace());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = checkHost(req.headers.host, port);
    if (!host.ok) return refuse(res, host.status, host.reason);
    const site = checkSite(req.headers, port);
    if (!site.ok) return refuse(res, site.status, site.reason);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = url.pathname;

    if (req.method === 'POST') {
      const verdict = checkAction(req.headers, token);
      if (!verdict.ok) return refuse(res, verdict.status, verdict.reason);
      await drain(req);
      const action = /^\/api\/connector\/([a-z-]+)$/.exec(path)?.[1];
      if (action !== undefined) {
        if (!isConnectorAction(action)) return json(res, 404, { error: `no connector action ${action}` });
        return json(res, 200, await panels.connectorAction(action));
      }
      if (path === '/api/trace') {
        // 409: one trace at a time, as for the reindex below.
        const answer = await trace();
        return answer.ran ? json(res, 200, answer.value) : json(res, 409, { error: answer.reason });
      }
      if (path === '/api/reindex') {
        const answer = panels.startReindex();
        // 409: one reindex at a time (reindex-job.ts); the body says which run is under way.
        return answer.started ? json(res, 202, answer.state) : json(res, 409, { error: answer.reason, state: answer.state });
      }
      return json(res, 404, { error: `no action at ${path}` });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, `${req.method} is not allowed`);

    if (path === '/api/identity') return json(res, 200, identityOf(root));
    if (path === '/api/services') return json(res, 200, await panels.services());
    const logsOf = /^\/api\/services\/([a-z0-9-]+)\/logs$/.exec(path)?.[1];
    if (logsOf) {
      const lines = parseLogLines(url.searchParams.get('lines'));
      return lines.ok ? json(res, 200, await panels.logs(logsOf, lines.lines)) : json(res, 400, { error: lines.reason });
    }
    if (path === '/api/haproxy') return json(res, 200, await panels.haproxy());
    if (path === '/api/connector') return json(res, 200, await panels.connector());
    if (path === '/api/indexer') return json(res, 200, await panels.indexer());
    if (path === '/api/changes') return json(res, 200, await panels.changes(url.searchParams.get('id') ?? undefined));
    if (path === '/api/search-drift') return json(res, 200, await panels.searchDrift());
    if (path === '/api/search-verify') return json(res, 200, await panels.verify());
    if (path === '/api/reindex') return json(res, 200, panels.reindexState());
    if (path.startsWith('/api/')) return json(res, 404, { error: `no endpoint ${path}` });

    if (path === '/' || path === '/index.html') {
      const page = asset('index.html');
      return send(res, 200, TYPES['.html']!, embedToken(page ? page.toString('utf8') : NO_UI, token));
    }
    const file = path.includes('..') ? undefined : asset(path.slice(1));
    if (file) return send(res, 200, TYPES[extname(path)] ?? 'application/octet-stream', file);
    return send(res, 404, 'text/plain; charset=utf-8', `not found: ${path}`);
  }

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: String((error as Error)?.message ?? error) });
      else res.end();
    });
  });
}

/** Actions take no body worth reading; read (up to 4 KiB) and discard it so the socket stays usable. */
async function drain(req: IncomingMessage): Promise<void> {
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4096) break;
  }
}

export { TOKEN_HEADER };
