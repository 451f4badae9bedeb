import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { devOriginGuard, devOriginRule } from '../../../scripts/lib/web/dev-origin-guard.ts';
import { devServerOptions } from '../../../scripts/lib/web/dev-server-options.ts';
import { freePort, rawHttp } from '../helpers/local-http.ts';

const refusal = (origin: string) => ({
  forward: false,
  status: 403,
  body: JSON.stringify({ error: { code: 'origin_not_allowed', message: `origin ${origin} is not allowed; add it to CORS_ORIGINS in .env (refused by the dev server's proxy)` } }),
});

describe('devOriginRule', () => {
  const rule = devOriginRule(stackConfigOf({ HTTP_PORT: '24080', WEB_DEV_PORT: '24173', CORS_ORIGINS: 'http://localhost:3000' }));
  const post = (origin: string | undefined) => rule({ origin, method: 'POST', requestedMethod: undefined });

  it("forwards the dev page's own origin, under either name, as the one the API allows", () => {
    expect(post('http://localhost:24173')).toEqual({ forward: true, origin: 'http://127.0.0.1:24173' });
    expect(post('http://127.0.0.1:24173')).toEqual({ forward: true, origin: 'http://127.0.0.1:24173' });
  });

  it('forwards the origins the typed config allows as they are, and a request without Origin untouched', () => {
    expect(post('http://localhost:3000')).toEqual({ forward: true, origin: 'http://localhost:3000' });
    expect(post('http://127.0.0.1:24080')).toEqual({ forward: true, origin: 'http://127.0.0.1:24080' });
    expect(post('http://localhost:24080')).toEqual({ forward: true, origin: 'http://localhost:24080' });
    expect(post(undefined)).toEqual({ forward: true, origin: undefined });
  });

  it("refuses any other origin, requests and preflights alike, with the API's own error", () => {
    for (const origin of ['http://localhost:3001', 'http://127.0.0.1:9999', 'https://evil.example', 'null']) expect(post(origin)).toEqual(refusal(origin));
    expect(rule({ origin: 'http://localhost:3001', method: 'OPTIONS', requestedMethod: 'PUT' })).toEqual(refusal('http://localhost:3001'));
    expect(rule({ origin: 'http://localhost:3001', method: 'GET', requestedMethod: undefined })).toEqual(refusal('http://localhost:3001'));
  });
});

describe('the dev server, run by Vite, in front of a stand-in API', () => {
  const servers: Array<{ close(): Promise<void> | void }> = [];
  afterAll(async () => {
    for (const server of servers.reverse()) await server.close();
  });

  async function listen(server: Server, port = 0): Promise<number> {
    await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
    servers.push({ close: () => new Promise<void>((done) => server.close(() => done())) });
    return (server.address() as AddressInfo).port;
  }

  const call = (port: number, method: string, path: string, headers: Record<string, string>) =>
    rawHttp(port, method, path, headers, method === 'POST' ? '{"name":"x"}' : undefined).then(({ status, body }) => ({ status, body }));

  it('forwards the dev page with the allowed origin, and answers a foreign origin itself: the API never sees it', { timeout: 30_000 }, async () => {
    const seen: Array<string | undefined> = [];
    const apiPort = await listen(createServer((req, res) => void (seen.push(req.headers.origin), res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":1}'))));
    const devPort = await freePort();
    const stack = stackConfigOf({ HTTP_PORT: String(apiPort), WEB_DEV_PORT: String(devPort), CORS_ORIGINS: '' });
    const { createServer: createVite } = await import('vite');
    // What `npm run dev:web` passes to Vite (scripts/commands/dev-web.ts), without the front end's own config.
    const vite = await createVite({ configFile: false, root: __dirname, logLevel: 'silent', server: devServerOptions(stack), plugins: [devOriginGuard(stack)] });
    await vite.listen();
    servers.push({ close: () => vite.close() });

    const json = { 'content-type': 'application/json' };
    expect(await call(devPort, 'POST', '/api/hotels', { ...json, origin: `http://localhost:${devPort}` })).toEqual({ status: 201, body: '{"id":1}' });
    expect(seen).toEqual([`http://127.0.0.1:${devPort}`]);
    const foreign = await call(devPort, 'POST', '/api/hotels', { ...json, origin: 'http://localhost:3999' });
    expect(foreign).toEqual({ status: 403, body: refusal('http://localhost:3999').body });
    expect((await call(devPort, 'DELETE', '/api/hotels/1', { origin: 'http://localhost:3999' })).status).toBe(403);
    expect((await call(devPort, 'OPTIONS', '/api/hotels/1', { origin: 'http://localhost:3999', 'access-control-request-method': 'PUT' })).status).toBe(403);
    expect(seen).toHaveLength(1);
    expect((await call(devPort, 'GET', '/api/hotels', {})).status).toBe(201);
    expect(seen).toEqual([`http://127.0.0.1:${devPort}`, undefined]);
    // Vite proxies whatever starts with /api, so the guard covers that too.
    expect((await call(devPort, 'POST', '/apix', { ...json, origin: 'http://localhost:3999' })).status).toBe(403);
  });
});
