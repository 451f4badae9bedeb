/**
 * Requests no well-behaved client sends, against a real HTTP server on an
 * ephemeral port, built by the same buildApp main.ts uses. None of them may crash the
 * process or leave a socket unanswered; each gets a JSON error naming the problem.
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../services/catalog-api/app.ts';
import { createCorsPolicy } from '../../../../services/kit/cors.ts';
import { createHandlers, type Handler } from '../../../../services/catalog-api/handlers.ts';
import type { HotelSearch } from '../../../../services/catalog-api/hotel-search.ts';
import { createLogger } from '../../../../services/kit/logger.ts';
import { fakeHotelStore } from './fake-hotel-store.ts';
import { rawRequest } from './raw-http.ts';

const store = fakeHotelStore();
const search: HotelSearch = { search: async () => ({ total: 0, hits: [] }), ping: async () => {} };
const logLines: string[] = [];
const log = createLogger({}, { write: (line) => logLines.push(line) });
/** A request id of the shape HAProxy gives (services/kit/request-id.ts). */
const boomId = '00000000-0000-4000-8000-00000000b00b';
const servers: FastifyInstance[] = [];
let port: number;
let base: string;

async function startApi(corsOrigins: string[]): Promise<number> {
  const handlers = createHandlers({ store, search, databaseEngine: async () => 'MySQL', serviceName: 'catalog-api-test', isDraining: () => false, log });
  // A handler whose answer cannot be serialized (mysql2 can hand out BigInt): the
  // failure happens after routing, while the response is written.
  const unserializable: Handler = async () => ({ status: 200, body: { id: 1n } });
  const app = buildApp({
    handlers: { ...handlers, search: unserializable },
    cors: createCorsPolicy(corsOrigins),
    serviceName: 'catalog-api-test',
    bodyLimitBytes: 1024,
    log,
    isDraining: () => false,
  });
  servers.push(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

beforeAll(async () => {
  port = await startApi(['http://localhost:3000']);
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => Promise.all(servers.map((server) => server.close())));

async function stillServes() {
  const response = await fetch(`${base}/healthz`);
  expect(response.status).toBe(200);
  // A request answered in full keeps its connection.
  expect(response.headers.get('connection')).toBe('keep-alive');
}

describe('catalog-api under hostile input', () => {
  it('answers 400 for malformed percent-encoding in the path', async () => {
    const response = await fetch(`${base}/api/hotels/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_path' } });
  });

  it('answers 400 for a request target that is not a URL, and keeps serving', async () => {
    const answer = await rawRequest(port, 'GET http://x[/api/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'invalid_request_target' } });
    await stillServes();
  });

  it('logs an unexpected failure while answering and sends 500, and keeps serving', async () => {
    const answer = await rawRequest(port, `GET /api/search?q=x HTTP/1.1\r\nHost: x\r\nX-Request-ID: ${boomId}\r\nConnection: close\r\n\r\n`);
    expect(answer.statusLine).toBe('HTTP/1.1 500 Internal Server Error');
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'internal_error' }, requestId: boomId });
    const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((r) => r.level === 'error' && r.requestId === boomId);
    expect(logged?.error).toMatch(/BigInt/);
    await stillServes();
  });

  it('answers 413 with Connection: close to a chunked body over the limit', async () => {
    const chunk = 'x'.repeat(800);
    const chunked = `${(800).toString(16)}\r\n${chunk}\r\n`.repeat(2) + '0\r\n\r\n';
    const answer = await rawRequest(
      port,
      `POST /api/hotels HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunked}`,
    );
    expect(answer.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(answer.headers.connection).toBe('close');
    await stillServes();
  });
});

describe('writes require a JSON Content-Type', () => {
  const post = (contentType: string | undefined) =>
    fetch(`${base}/api/hotels`, {
      method: 'POST',
      headers: contentType === undefined ? {} : { 'content-type': contentType },
      body: JSON.stringify({ name: 'Typed', city: 'Bonn', stars: 2 }),
    });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'application/json; charset=iso-8859-1'])(
    'answers 415 to %s and writes nothing',
    async (contentType) => {
      const before = store.hotels.size;
      const response = await post(contentType);
      expect(response.status).toBe(415);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unsupported_media_type');
      expect(body.error.message).toContain('Content-Type: application/json');
      expect(store.hotels.size).toBe(before);
    },
  );

  it('answers 415 to a write without Content-Type', async () => {
    // fetch labels a string body text/plain; a raw request can leave the header out.
    const body = '{"name":"Typed","city":"Bonn","stars":2}';
    const answer = await rawRequest(port, `POST /api/hotels HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    expect(answer.statusLine).toBe('HTTP/1.1 415 Unsupported Media Type');
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"'])('accepts %s', async (contentType) => {
    expect((await post(contentType)).status).toBe(201);
  });
});

describe('CORS_ORIGINS=* allows reads only', () => {
  let anyBase: string;
  beforeAll(async () => {
    anyBase = `http://127.0.0.1:${await startApi(['*'])}`;
  });
  const origin = 'https://any-page.example';

  it('answers a read from any origin', async () => {
    const response = await fetch(`${anyBase}/api/hotels/1`, { headers: { origin } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses a write from an origin it does not list, before it reaches the store', async () => {
    const before = store.hotels.size;
    const response = await fetch(`${anyBase}/api/hotels`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Forged', city: 'Nowhere', stars: 1 }),
    });
    expect(response.status).toBe(403);
    expect(store.hotels.size).toBe(before);
    const preflight = await fetch(`${anyBase}/api/hotels/1`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'DELETE' } });
    expect(preflight.status).toBe(403);
  });
});
