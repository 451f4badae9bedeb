/**
 * What a client of catalog-api can learn from it: /api/healthz names a failing
 * dependency but none of its internals (the detail is in the log), /api/info names
 * the database engine, and the request id is HAProxy's or the service's own, never
 * free text chosen by the client.
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../services/catalog-api/app.ts';
import { createCorsPolicy } from '../../../../services/kit/cors.ts';
import { createHandlers } from '../../../../services/catalog-api/handlers.ts';
import type { HotelSearch } from '../../../../services/catalog-api/hotel-search.ts';
import { createLogger } from '../../../../services/kit/logger.ts';
import { fakeHotelStore } from './fake-hotel-store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const internalDetail = 'connect ECONNREFUSED 172.18.0.5:9200';
const logLines: string[] = [];
let searchDown = false;
let server: FastifyInstance;
let base: string;

beforeAll(async () => {
  const search: HotelSearch = {
    search: async () => ({ total: 0, hits: [] }),
    async ping() {
      if (searchDown) throw Object.assign(new Error(internalDetail), { code: 'ECONNREFUSED' });
    },
  };
  const log = createLogger({}, { write: (line) => logLines.push(line) });
  const handlers = createHandlers({
    store: fakeHotelStore(),
    search,
    databaseEngine: async () => 'MariaDB',
    serviceName: 'catalog-api-test',
    isDraining: () => false,
    log,
  });
  server = buildApp({ handlers, cors: createCorsPolicy([]), serviceName: 'catalog-api-test', bodyLimitBytes: 1024, log, isDraining: () => false });
  await server.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('/api/healthz', () => {
  it('names the dependency that is down, without its address or error; the log has the detail', async () => {
    searchDown = true;
    try {
      const response = await fetch(`${base}/api/healthz`);
      const text = await response.text();
      expect(response.status).toBe(503);
      expect(JSON.parse(text)).toEqual({ status: 'degraded', service: 'catalog-api-test', database: 'ok', elasticsearch: 'unavailable' });
      expect(text).not.toMatch(/ECONNREFUSED|172\.18|9200/);
      const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((r) => r.msg === 'health probe failed');
      expect(logged).toMatchObject({ level: 'warn', dependency: 'elasticsearch' });
      expect(String(logged?.error)).toContain(internalDetail);
    } finally {
      searchDown = false;
    }
  });

  it('is ok when both answer', async () => {
    const response = await fetch(`${base}/api/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'catalog-api-test', database: 'ok', elasticsearch: 'ok' });
  });
});

describe('/api/info', () => {
  it('names the database engine the server reports, and nothing else about it', async () => {
    const response = await fetch(`${base}/api/info`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ database: { engine: 'MariaDB' } });
  });
});

describe('the request id', () => {
  it("keeps the edge's id (a UUID) in the answer and the access log", async () => {
    const edgeId = '0b4e2a8c-5f1d-4c3e-9a7b-2d6f8e1c4a90';
    const response = await fetch(`${base}/api/nothing`, { headers: { 'X-Request-ID': edgeId } });
    expect(response.headers.get('x-request-id')).toBe(edgeId);
    expect(await response.json()).toMatchObject({ requestId: edgeId });
    expect(logLines.some((line) => JSON.parse(line).requestId === edgeId)).toBe(true);
  });

  it("replaces a client's free-text id with its own, in the answer and the log", async () => {
    for (const forged of ['admin-was-here', 'x'.repeat(300), '0b4e2a8c-5f1d-4c3e-9a7b-2d6f8e1c4a90 "injected":1']) {
      const response = await fetch(`${base}/api/nothing`, { headers: { 'X-Request-ID': forged } });
      const id = response.headers.get('x-request-id') ?? '';
      expect(id, forged).toMatch(UUID);
      expect(await response.json(), forged).toMatchObject({ requestId: id });
    }
    expect(logLines.join('\n')).not.toContain('admin-was-here');
  });
});
