import { afterEach, describe, expect, it } from 'vitest';
import type { ConsolePanels } from '../../../scripts/lib/console/console-panels.ts';
import { createConsoleServer, embedToken } from '../../../scripts/lib/console/console-server.ts';
import { createReindexJob } from '../../../scripts/lib/console/reindex-job.ts';
import { TOKEN_HEADER } from '../../../scripts/lib/console/request-guard.ts';
import { freePort, rawHttp } from '../helpers/local-http.ts';

const token = 'f'.repeat(64);
const actions: string[] = [];
/** A reindex that never ends on its own: the server must hold every other start off. */
const reindex = createReindexJob(() => {
  actions.push('reindex');
  return new Promise(() => {});
});
const panels = {
  startReindex: () => reindex.start(),
  reindexState: () => reindex.state(),
  services: async () => ({ ok: true, at: 'now', data: [] }),
  connectorAction: async (action: string) => {
    actions.push(action);
    return { ok: true, at: 'now', data: { status: 202, text: '' } };
  },
  trace: () => {
    actions.push('trace');
    const answer = heldTrace ?? Promise.resolve(TRACE);
    heldTrace = undefined;
    return answer;
  },
  saga: async (number: string | undefined) => {
    actions.push(`saga ${number ?? '-'}`);
    return { ok: true, at: 'now', data: { bookings: [] } };
  },
  outbox: async () => {
    actions.push('outbox');
    return { ok: true, at: 'now', data: [] };
  },
  logs: async (service: string, lines: number) => {
    actions.push(`logs ${service} ${lines}`);
    return { ok: true, at: 'now', data: '' };
  },
} as unknown as ConsolePanels;
const TRACE = { hotelId: 1, hops: [], deleted: true };
/** The next trace's answer when a test holds it (a promise the test settles itself); others answer at once. */
let heldTrace: Promise<typeof TRACE> | undefined;

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  actions.length = 0;
  heldTrace = undefined;
  await close?.();
});

async function start() {
  const port = await freePort();
  const server = createConsoleServer({ port, token, root: '/repo', panels, asset: (path) => (path === 'index.html' ? Buffer.from('<html><head><title>c</title></head><body></body></html>') : undefined) });
  await server.listen({ port, host: '127.0.0.1' });
  close = () => server.close();
  const call = (method: string, path: string, headers: Record<string, string> = {}) =>
    rawHttp(port, method, path, { host: `127.0.0.1:${port}`, ...headers }, method === 'POST' ? '{}' : undefined);
  return { port, call };
}

describe('the console server', () => {
  it('serves the page with the per-run token, and no CORS header, no framing', async () => {
    const { call } = await start();
    const page = await call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="console-token" content="${token}"></head>`);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('answers 403 to a foreign Host (DNS rebinding), for pages and JSON alike', async () => {
    const { call, port } = await start();
    for (const path of ['/', '/api/services']) {
      const answer = await call('GET', path, { host: `evil.example:${port}` });
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain(token);
    }
    expect((await call('GET', '/api/services', { host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses an action without the token and does nothing; with it, acts', async () => {
    const { call } = await start();
    const refused = await call('POST', '/api/connector/pause', { 'content-type': 'application/json' });
    expect(refused.status).toBe(403);
    expect(refused.headers.connection).toBe('close');
    const crossSite = await call('POST', '/api/trace', { 'content-type': 'application/json', [TOKEN_HEADER]: token, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(actions).toEqual([]);
    const done = await call('POST', '/api/connector/pause', { 'content-type': 'application/json', [TOKEN_HEADER]: token });
    expect(done.status).toBe(200);
    expect((await call('POST', '/api/connector/explode', { 'content-type': 'application/json', [TOKEN_HEADER]: token })).status).toBe(404);
    expect(actions).toEqual(['pause']);
  });

  it('starts a reindex only with the token, and refuses a second while one runs with 409 and why', async () => {
    const { call } = await start();
    const json = { 'content-type': 'application/json' };
    expect((await call('POST', '/api/reindex', json)).status).toBe(403);
    expect(actions).toEqual([]);
    const started = await call('POST', '/api/reindex', { ...json, [TOKEN_HEADER]: token });
    expect(started.status).toBe(202);
    expect(JSON.parse(started.body)).toMatchObject({ running: true });
    const second = await call('POST', '/api/reindex', { ...json, [TOKEN_HEADER]: token });
    expect(second.status).toBe(409);
    expect(JSON.parse(second.body).error).toMatch(/^a reindex is already running \(started .+\): wait for it to finish/);
    expect(actions).toEqual(['reindex']);
    expect(JSON.parse((await call('GET', '/api/reindex')).body)).toMatchObject({ running: true, result: null });
  });

  it('refuses every method from another site, GETs included, and still serves its own page and the address bar', async () => {
    const { call, port } = await start();
    const foreign: Array<Record<string, string>> = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'http://127.0.0.2:8000' }];
    for (const headers of foreign) {
      for (const path of ['/', '/api/services', '/api/services/connect/logs?lines=-1']) {
        const answer = await call('GET', path, headers);
        expect(answer.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(answer.body).not.toContain(token);
        expect(JSON.parse(answer.body).error).toContain('the console answers only its own page');
      }
    }
    expect(actions).toEqual([]);
    expect((await call('GET', '/', { 'sec-fetch-site': 'none' })).status).toBe(200);
    expect((await call('GET', '/api/services', { 'sec-fetch-site': 'same-origin', origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('guards the saga panel like every endpoint: a foreign Host is refused before it reads a database', async () => {
    const { call, port } = await start();
    for (const path of ['/api/saga', '/api/saga?number=4400000001', '/api/saga/outbox']) {
      expect((await call('GET', path, { host: `evil.example:${port}` })).status).toBe(403);
      expect((await call('GET', path, { host: `localhost:${port}`, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    }
    expect(actions).toEqual([]);
    expect((await call('GET', '/api/saga?number=4400000001')).status).toBe(200);
    expect((await call('GET', '/api/saga/outbox')).status).toBe(200);
    expect(actions).toEqual(['saga 4400000001', 'outbox']);
  });

  it('takes a booking number of digits only', async () => {
    const { call } = await start();
    const refused = await call('GET', "/api/saga?number=1'%20OR%201=1");
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('number');
    expect(actions).toEqual([]);
  });

  it("takes the logs' lines only as a whole number from 1 to 1000, and never runs docker for another", async () => {
    const { call } = await start();
    for (const lines of ['-1', '1.5', '0', '1001', 'abc']) {
      const answer = await call('GET', `/api/services/connect/logs?lines=${lines}`);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).error).toBe(`lines=${lines} is not a whole number from 1 to 1000: ask for ?lines=80, for example`);
    }
    expect(actions).toEqual([]);
    expect((await call('GET', '/api/services/connect/logs?lines=1000')).status).toBe(200);
    expect((await call('GET', '/api/services/connect/logs')).status).toBe(200);
    expect(actions).toEqual(['logs connect 1000', 'logs connect 80']);
  });

  it('runs one trace at a time: a second while one runs gets 409 and why; the next after it ends runs', async () => {
    const { call } = await start();
    const act = { 'content-type': 'application/json', [TOKEN_HEADER]: token };
    let finish: (value: typeof TRACE) => void = () => {};
    heldTrace = new Promise((resolve) => (finish = resolve));
    const first = call('POST', '/api/trace', act);
    await expect.poll(() => actions).toEqual(['trace']);
    const second = await call('POST', '/api/trace', act);
    expect(second.status).toBe(409);
    expect(JSON.parse(second.body).error).toMatch(/^a golden-path trace is already running \(started .+\): wait for it to finish/);
    finish(TRACE);
    expect(await first).toMatchObject({ status: 200, body: JSON.stringify(TRACE) });
    expect((await call('POST', '/api/trace', act)).status).toBe(200);
    expect(actions).toEqual(['trace', 'trace']);
  });

  it('tells who it is, so the doctor accepts its own console on CONSOLE_PORT', async () => {
    const { call } = await start();
    expect(JSON.parse((await call('GET', '/api/identity')).body)).toEqual({ app: 'booking-devstack-console', root: '/repo' });
  });

  it('takes an action body of {} only: over 4 KiB is a 413, fields a 400, each saying what an action takes, and nothing runs', async () => {
    const { port } = await start();
    const act = { host: `127.0.0.1:${port}`, 'content-type': 'application/json', [TOKEN_HEADER]: token };
    const tooBig = await rawHttp(port, 'POST', '/api/connector/pause', act, JSON.stringify({ pad: 'x'.repeat(5000) }));
    expect(tooBig.status).toBe(413);
    const withFields = await rawHttp(port, 'POST', '/api/trace', act, '{"hotel":1}');
    expect(withFields.status).toBe(400);
    for (const answer of [tooBig, withFields]) expect(JSON.parse(answer.body).error).toMatch(/: an action takes the JSON body \{\}, as the console's page sends$/);
    expect(actions).toEqual([]);
  });

  it('refuses other methods and paths that climb out of the build', async () => {
    const { call } = await start();
    expect((await call('DELETE', '/api/services')).status).toBe(405);
    expect((await call('GET', '/../package.json')).status).toBe(404);
  });
});

describe('embedToken', () => {
  it('puts the token in the head', () => {
    expect(embedToken('<head></head>', 'abc')).toBe('<head><meta name="console-token" content="abc"></head>');
  });
});
