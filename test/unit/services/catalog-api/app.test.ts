import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../services/catalog-api/app.ts';
import { createCorsPolicy } from '../../../../services/kit/cors.ts';
import { createHandlers } from '../../../../services/catalog-api/handlers.ts';
import type { HotelSearch } from '../../../../services/catalog-api/hotel-search.ts';
import { createLogger } from '../../../../services/kit/logger.ts';
import { fakeHotelStore } from './fake-hotel-store.ts';

const store = fakeHotelStore();
const search: HotelSearch = {
  async search(params) {
    if (params.q === 'boom') throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const hits = [...store.hotels.values()].filter((h) => h.name.includes(params.q));
    return { total: hits.length, hits };
  },
  async ping() {},
};
const logLines: string[] = [];
const log = createLogger({}, { write: (line) => logLines.push(line) });
/** The shape HAProxy gives every request id (services/kit/request-id.ts). */
const edgeRequestId = '6f1c2b9e-3d4a-4e5f-8a7b-9c0d1e2f3a4b';
let draining = false;
let server: FastifyInstance;
let base: string;

beforeAll(async () => {
  server = buildApp({
    handlers: createHandlers({ store, search, databaseEngine: async () => 'MySQL', serviceName: 'catalog-api-test', isDraining: () => draining, log }),
    cors: createCorsPolicy(['http://localhost:3000']),
    serviceName: 'catalog-api-test',
    bodyLimitBytes: 1024,
    log,
    isDraining: () => draining,
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const json = (method: string, path: string, body?: unknown) =>
  fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-request-id': edgeRequestId },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('catalog-api over HTTP (fake store and search)', () => {
  it('creates, reads, replaces and deletes a hotel', async () => {
    const created = await json('POST', '/api/hotels', { name: 'Alpha', city: 'Graz', stars: 3 });
    expect(created.status).toBe(201);
    const hotel = (await created.json()) as { id: number; version: number };
    expect(created.headers.get('location')).toBe(`/api/hotels/${hotel.id}`);
    expect(created.headers.get('x-served-by')).toBe('catalog-api-test');

    expect((await json('GET', `/api/hotels/${hotel.id}`)).status).toBe(200);
    const replaced = await json('PUT', `/api/hotels/${hotel.id}`, { name: 'Beta', city: 'Graz', stars: 4 });
    expect(await replaced.json()).toMatchObject({ name: 'Beta', version: 2, description: null });
    expect((await json('DELETE', `/api/hotels/${hotel.id}`)).status).toBe(204);
    expect((await json('GET', `/api/hotels/${hotel.id}`)).status).toBe(404);
    expect((await json('DELETE', `/api/hotels/${hotel.id}`)).status).toBe(404);
  });

  it('answers 400 naming each field, and 400 for malformed JSON', async () => {
    const invalid = await json('POST', '/api/hotels', { name: 'x', stars: 9 });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: { fields: Array<{ field: string }> } };
    expect(body.error.fields.map((f) => f.field)).toEqual(['city', 'stars']);
    expect((await json('POST', '/api/hotels', '{"name":')).status).toBe(400);
  });

  it('answers 413 over the body limit, 404 for unknown routes, 405 with Allow', async () => {
    expect((await json('POST', '/api/hotels', { name: 'x'.repeat(2000), city: 'a', stars: 1 })).status).toBe(413);
    const unknown = await json('GET', '/api/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-served-by')).toBe('catalog-api-test');
    const wrong = await json('PATCH', '/api/hotels/1');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, PUT, DELETE');
  });

  it('returns search results and maps an unreachable dependency to 503', async () => {
    await json('POST', '/api/hotels', { name: 'Gamma', city: 'Linz', stars: 2 });
    const found = await json('GET', '/api/search?q=Gamma');
    expect(await found.json()).toMatchObject({ total: 1, hits: [{ name: 'Gamma' }] });
    expect((await json('GET', '/api/search?q=boom')).status).toBe(503);
  });

  it('keeps the request id from HAProxy in the response and the access log', async () => {
    const response = await json('GET', '/api/healthz');
    expect(response.headers.get('x-request-id')).toBe(edgeRequestId);
    expect(logLines.some((line) => JSON.parse(line).requestId === edgeRequestId)).toBe(true);
  });

  it('answers a CORS preflight for an allowed origin and refuses others', async () => {
    const preflight = (origin: string) =>
      fetch(`${base}/api/hotels`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const allowed = await preflight('http://localhost:3000');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect((await preflight('https://evil.example')).status).toBe(403);
  });

  it('reports 503 on /healthz while draining so HAProxy takes the replica out', async () => {
    draining = true;
    try {
      const response = await fetch(`${base}/healthz`);
      expect(response.status).toBe(503);
      expect(response.headers.get('connection')).toBe('close');
    } finally {
      draining = false;
    }
  });
});
