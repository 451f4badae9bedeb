/**
 * The rules createService sets for every service, on a bare service with one
 * schema-declared route (catalog-api's tests cover the same rules through its routes).
 */
import { describe, expect, it } from 'vitest';
import { createService } from '../../../../services/kit/http-service.ts';
import { createLogger } from '../../../../services/kit/logger.ts';

const lines: string[] = [];
let draining = false;
const app = createService({ name: 'kit-test', log: createLogger({}, { write: (line) => lines.push(line) }), isDraining: () => draining });
const booking = { type: 'object', required: ['room'], additionalProperties: false, properties: { room: { type: 'integer', minimum: 1 } } } as const;
app.post('/bookings', {
  schema: { body: booking, response: { 201: { type: 'object', properties: { id: { type: 'integer' }, room: { type: 'integer' } } } } },
  handler: async (request, reply) => reply.code(201).send({ id: 7, ...(request.body as object), secret: 'not in the schema' }),
});

describe('createService', () => {
  it('validates input by the route schema, naming each field in the one error shape', async () => {
    const response = await app.inject({ method: 'POST', url: '/bookings', payload: { room: 0 } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'validation_failed', fields: [{ field: 'room' }] }, requestId: response.headers['x-request-id'] });
    const missing = await app.inject({ method: 'POST', url: '/bookings', payload: {} });
    expect(missing.json()).toMatchObject({ error: { fields: [{ field: 'room' }] } });
  });

  it('refuses what the schema does not allow instead of fixing it: no coercion, no dropped fields, every problem named', async () => {
    const response = await app.inject({ method: 'POST', url: '/bookings', payload: { room: '3', coupon: 'FREE' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      { field: 'coupon', message: 'is not a known field' },
      { field: 'room', message: 'must be integer' },
    ]);
  });

  it('serializes output by the response schema: a field it does not declare never leaves', async () => {
    const response = await app.inject({ method: 'POST', url: '/bookings', payload: { room: 3 } });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ id: 7, room: 3 });
    expect(response.headers['x-served-by']).toBe('kit-test');
  });

  it('answers 415 to a write that is not JSON, 405 with Allow, 404 otherwise', async () => {
    const form = await app.inject({ method: 'POST', url: '/bookings', headers: { 'content-type': 'text/plain' }, payload: 'room=1' });
    expect(form.statusCode).toBe(415);
    expect(form.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const wrong = await app.inject({ method: 'GET', url: '/bookings' });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect((await app.inject({ method: 'GET', url: '/nothing' })).statusCode).toBe(404);
  });

  it('keeps a UUID request id, replaces anything else, and logs one access line with it', async () => {
    const id = '0b4e2a8c-5f1d-4c3e-9a7b-2d6f8e1c4a90';
    expect((await app.inject({ url: '/healthz', headers: { 'x-request-id': id } })).headers['x-request-id']).toBe(id);
    expect((await app.inject({ url: '/healthz', headers: { 'x-request-id': 'free text' } })).headers['x-request-id']).not.toBe('free text');
    const access = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((r) => r.msg === 'request' && r.requestId === id);
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ level: 'info', method: 'GET', path: '/healthz', status: 200 });
  });

  it('answers liveness on GET and HEAD, and while draining 503 with Connection: close on every answer', async () => {
    expect((await app.inject({ method: 'HEAD', url: '/healthz' })).statusCode).toBe(200);
    draining = true;
    try {
      const liveness = await app.inject({ url: '/healthz' });
      expect(liveness.statusCode).toBe(503);
      expect(liveness.headers.connection).toBe('close');
      expect((await app.inject({ method: 'POST', url: '/bookings', payload: { room: 1 } })).headers.connection).toBe('close');
    } finally {
      draining = false;
    }
  });
});

describe('createService', () => {
  it('uses no option Fastify deprecates (a warning at every service start)', async () => {
    const warnings: string[] = [];
    const record = (warning: Error & { code?: string }) => warnings.push(`${warning.code ?? warning.name}: ${warning.message}`);
    process.on('warning', record);
    try {
      const fresh = createService({ name: 'kit-warnings', log: createLogger({}, { write: () => undefined }) });
      await fresh.ready();
      await fresh.close();
      // Process warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', record);
    }
    expect(warnings.filter((warning) => warning.startsWith('FSTDEP'))).toEqual([]);
  });
});
