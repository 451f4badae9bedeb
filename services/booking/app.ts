/**
 * The booking service's HTTP layer: the kit's service (request ids, JSON in and out, the error
 * shape, access log, health, drain) plus the public booking routes, each with its schema.
 * The access log line has method, path, status and time only: no body, so the card number a
 * POST carries is never logged (kit/http-service.ts), and the body schema's messages name the
 * rule broken, never the value.
 */
import type { FastifyInstance } from 'fastify';
import { createCorsPolicy } from '../kit/cors.ts';
import { createService } from '../kit/http-service.ts';
import { HttpError } from '../kit/http-error.ts';
import type { Logger } from '../kit/logger.ts';
import { bookingViewSchema } from './booking-view.ts';
import { bookingBodySchema, type BookingInput } from './booking-input.ts';
import type { BookingHandlers } from './booking-handlers.ts';
import { hotelRoomsSchema, type RoomsHandler } from './rooms-handler.ts';
import { SagaContentionError } from './saga-runner.ts';
import { InvalidFieldsError, ParticipantUnavailableError } from './participants.ts';

export interface BookingAppOptions {
  handlers: BookingHandlers;
  /** GET /api/hotels/:id/rooms: the live room list a guest books from. */
  rooms: RoomsHandler;
  serviceName: string;
  /** Browser origins allowed to call the API (CORS_ORIGINS, as catalog-api). */
  corsOrigins: string[];
  log: Logger;
  isDraining: () => boolean;
  readiness: () => Promise<{ status: number; body?: unknown }>;
}

export const readinessPath = '/readyz';

/**
 * The booking API's own headers: a page on another allowed origin (the page at localhost when it
 * calls 127.0.0.1, a front end listed in CORS_ORIGINS) sends the Idempotency-Key and the PIN only
 * after a preflight that allows them, and reads Retry-After to wait out a limit. Origins not
 * listed stay refused (403 from the kit, before any handler runs).
 */
export const bookingCorsHeaders = { allowHeaders: ['Idempotency-Key', 'X-Booking-Pin'], exposeHeaders: ['Retry-After'] };

export function buildBookingApp(options: BookingAppOptions): FastifyInstance {
  const { handlers } = options;
  const app = createService({
    name: options.serviceName,
    log: options.log,
    // A booking request is a few hundred bytes; nothing larger is one.
    bodyLimitBytes: 16 * 1024,
    cors: createCorsPolicy(options.corsOrigins, bookingCorsHeaders),
    isDraining: options.isDraining,
    readiness: { path: readinessPath, check: options.readiness },
    serviceError: toHttpError,
  });
  const answers: Record<number, unknown> = { 200: bookingViewSchema, 202: bookingViewSchema };
  const numberParam = { type: 'object', properties: { number: { type: 'string' } }, required: ['number'] } as const;

  app.post('/api/bookings', { schema: { body: bookingBodySchema, response: answers } }, async (request, reply) => {
    const answer = await handlers.create(request.headers, request.body as BookingInput);
    return reply.code(answer.status).headers(answer.headers ?? {}).send(answer.body);
  });
  app.get('/api/bookings/:number', { schema: { params: numberParam, response: answers } }, async (request, reply) => {
    const answer = await handlers.get((request.params as { number: string }).number, request.headers);
    return reply.code(answer.status).send(answer.body);
  });
  // The cancel takes no body; a client that sends `{}` with its JSON header is fine too.
  app.post('/api/bookings/:number/cancel', { schema: { params: numberParam, response: answers } }, async (request, reply) => {
    const answer = await handlers.cancel((request.params as { number: string }).number, request.headers);
    return reply.code(answer.status).send(answer.body);
  });
  app.get('/api/hotels/:id/rooms', { schema: { params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }, response: { 200: hotelRoomsSchema } } }, async (request, reply) => {
    const query = new URLSearchParams(request.raw.url?.split('?')[1] ?? '');
    const answer = await options.rooms((request.params as { id: string }).id, query);
    // A live answer: availability changes with every booking, so no cache keeps it.
    return reply.header('Cache-Control', 'no-store').send(answer);
  });
  return app;
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR']);

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof InvalidFieldsError) return new HttpError(400, 'validation_failed', 'the booking has invalid fields', error.fields);
  if (error instanceof ParticipantUnavailableError) {
    return new HttpError(503, 'dependency_unavailable', `${error.participant} is not answering; nothing was booked, retry with the same Idempotency-Key`);
  }
  if (error instanceof SagaContentionError) {
    // Another transition (a reply, the sweeper) kept winning the saga's version: nothing was changed.
    return new HttpError(409, 'booking_changing', 'the booking changed while it was being cancelled; nothing was done: read it again and retry the cancel');
  }
  const code = (error as { code?: string } | null)?.code;
  if (code && unreachableCodes.has(code)) {
    return new HttpError(503, 'dependency_unavailable', 'the bookings database is unreachable; retry with the same Idempotency-Key');
  }
  return new HttpError(500, 'internal_error', 'unexpected error; see the service log for the request id');
}
