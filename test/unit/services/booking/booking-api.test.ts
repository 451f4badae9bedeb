/**
 * The public booking API through Fastify's inject, with in-memory bookings and fake
 * participants: validation with the fields, idempotency, the PIN shown once and stored hashed,
 * a wrong PIN answered exactly like an unknown number, the guest's cancel, and no card number
 * in any answer, log line or stored row.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBookingApp } from '../../../../services/booking/app.ts';
import { createBookingHandlers } from '../../../../services/booking/booking-handlers.ts';
import { dummyPinHash } from '../../../../services/booking/booking-secrets.ts';
import { InvalidFieldsError, ParticipantUnavailableError, type CardVault, type QuoteResult, type RoomQuotes } from '../../../../services/booking/participants.ts';
import { createRoomsHandler } from '../../../../services/booking/rooms-handler.ts';
import { createSagaRunner } from '../../../../services/booking/saga-runner.ts';
import { createLogger } from '../../../../services/kit/logger.ts';
import { fakeBookings } from './fake-bookings.ts';

const CARD = '4111111111111111';
/** The origins the typed config passes (CORS_ORIGINS): the stack's page and the dev server's. */
const PAGE = 'http://localhost:8080';
const DEV_PAGE = 'http://127.0.0.1:5173';
const now = new Date('2026-12-07T10:00:00.000Z');
const timeouts = { stepMs: 10_000, authorizeMs: 3_000 };
let dummy: string;
beforeAll(async () => {
  dummy = await dummyPinHash();
});

function body(overrides: Record<string, unknown> = {}) {
  return {
    hotelId: 1,
    roomTypeId: 2,
    checkIn: '2026-12-20',
    checkOut: '2026-12-22',
    guests: 2,
    guest: { name: 'Ada Lovelace', email: 'ada@example.com' },
    card: { number: CARD, expiryMonth: 12, expiryYear: 2030, cvc: '123' },
    ...overrides,
  };
}

const goodQuote: QuoteResult = {
  kind: 'quote',
  available: true,
  roomsLeft: 3,
  nights: 2,
  totalMinor: 24_000,
  currency: 'EUR',
  roomTypeName: 'Double',
  capacity: 2,
};

function setup(options: { quote?: QuoteResult | Error; cards?: CardVault } = {}) {
  const db = fakeBookings();
  const lines: string[] = [];
  const log = createLogger({ service: 'booking' }, { write: (line) => lines.push(line) });
  const quotes: RoomQuotes = {
    quote: async () => {
      if (options.quote instanceof Error) throw options.quote;
      return options.quote ?? goodQuote;
    },
  };
  const cards: CardVault = options.cards ?? { tokenize: async () => ({ ok: true, token: randomUUID(), brand: 'visa', last4: '1111' }) };
  const runner = createSagaRunner({ repository: db.repository, timeouts, now: () => now });
  const handlers = createBookingHandlers({ store: db.store, quotes, cards, runner, timeouts, dummyPinHash: dummy, now: () => now, newId: randomUUID });
  const rooms = createRoomsHandler({ rooms: { availability: async () => ({ kind: 'unknown_hotel' }) }, now: () => now });
  const app = buildBookingApp({ handlers, rooms, serviceName: 'booking-test', corsOrigins: [PAGE, DEV_PAGE], log, isDraining: () => false, readiness: async () => ({ status: 200 }) });
  const post = (payload: unknown, key: string | null = 'key-0123456789abcdef') =>
    app.inject({ method: 'POST', url: '/api/bookings', payload: payload as object, headers: key === null ? {} : { 'idempotency-key': key } });
  const lookup = (number: string, pin: string | undefined, action: 'get' | 'cancel' = 'get') =>
    app.inject({
      method: action === 'get' ? 'GET' : 'POST',
      url: action === 'get' ? `/api/bookings/${number}` : `/api/bookings/${number}/cancel`,
      headers: pin === undefined ? {} : { 'x-booking-pin': pin },
      // The kit takes writes with a JSON body only (a cross-site form cannot send one): cancel sends {}.
      ...(action === 'cancel' ? { payload: {} } : {}),
    });
  return { app, db, lines, post, lookup, runner };
}

const fieldsOf = (response: { json: () => { error: { fields?: Array<{ field: string }> } } }) =>
  (response.json().error.fields ?? []).map((f) => f.field).sort();

describe('POST /api/bookings: validation', () => {
  it.each([
    ['missing', null],
    ['too short', 'short'],
    ['with a space', 'key with spaces 0123456'],
    ['too long', 'k'.repeat(65)],
  ])('an Idempotency-Key %s is 400 naming the header', async (_what, key) => {
    const { post, db } = setup();
    const response = await post(body(), key);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['Idempotency-Key']);
    expect(db.rows.size).toBe(0);
  });

  it.each([
    ['checkIn in the past', { checkIn: '2026-12-06' }, ['checkIn']],
    ['checkOut on checkIn', { checkOut: '2026-12-20' }, ['checkOut']],
    ['checkOut before checkIn', { checkOut: '2026-12-19' }, ['checkOut']],
    ['31 nights', { checkOut: '2027-01-20' }, ['checkOut']],
    ['a date that does not exist', { checkIn: '2027-02-30', checkOut: '2027-03-02' }, ['checkIn']],
    ['an invalid email', { guest: { name: 'Ada', email: 'ada@' } }, ['guest.email']],
    ['an email with a space', { guest: { name: 'Ada', email: 'ada lovelace@example.com' } }, ['guest.email']],
    ['a blank name', { guest: { name: '   ', email: 'ada@example.com' } }, ['guest.name']],
    ['guests 0', { guests: 0 }, ['guests']],
    ['hotelId a string', { hotelId: '1' }, ['hotelId']],
    ['a date in another format', { checkIn: '20/12/2026' }, ['checkIn']],
    ['a card number with letters', { card: { number: '4111-1111-1111', expiryMonth: 1, expiryYear: 2030, cvc: '123' } }, ['card.number']],
    ['an unknown field', { coupon: 'FREE' }, ['coupon']],
    ['a missing guest email', { guest: { name: 'Ada' } }, ['guest.email']],
  ])('%s is 400 with the field', async (_what, overrides, fields) => {
    const { post, db } = setup();
    const response = await post(body(overrides));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(fieldsOf(response)).toEqual(fields);
    expect(db.rows.size).toBe(0);
  });

  it('30 nights is allowed; several problems are named together', async () => {
    expect((await setup().post(body({ checkOut: '2027-01-19' }))).statusCode).toBe(202);
    const response = await setup().post(body({ checkIn: '2026-12-01', checkOut: '2026-11-30', guest: { name: 'A', email: 'nope' } }));
    expect(fieldsOf(response)).toEqual(['checkIn', 'checkOut', 'guest.email']);
  });

  it.each([
    ['an unknown hotel', { kind: 'unknown_hotel' } as QuoteResult, 400, ['hotelId']],
    ['an unknown room type', { kind: 'unknown_room_type' } as QuoteResult, 400, ['roomTypeId']],
    // As the gRPC adapter reports inventory's INVALID_ARGUMENT (Quote checks the capacity).
    ['more guests than the room sleeps', new InvalidFieldsError([{ field: 'guests', message: 'must be at most 1' }]), 400, ['guests']],
    ['no room free', { ...goodQuote, available: false, roomsLeft: 0 } as QuoteResult, 409, []],
  ])('%s is refused before anything is stored', async (_what, quote, status, fields) => {
    const { post, db } = setup({ quote });
    const response = await post(body());
    expect(response.statusCode).toBe(status);
    expect(fieldsOf(response)).toEqual(fields);
    expect(db.rows.size).toBe(0);
  });

  it("a card payment refuses is 400 with payment's fields", async () => {
    const { post, db } = setup({ cards: { tokenize: async () => ({ ok: false, fields: [{ field: 'card.expiryYear', message: 'the card has expired' }] }) } });
    const response = await post(body());
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['card.expiryYear']);
    expect(db.rows.size).toBe(0);
  });

  it('inventory not answering is 503 that says to retry with the same key', async () => {
    const response = await setup({ quote: new ParticipantUnavailableError('inventory', 'deadline exceeded') }).post(body());
    expect(response.statusCode).toBe(503);
    expect(response.json().error.message).toMatch(/same Idempotency-Key/);
  });
});

describe('POST /api/bookings: a booking', () => {
  it('is 202 with a 10-digit number and a 6-digit PIN, HOLDING, and HoldRooms in the outbox; the PIN is stored hashed', async () => {
    const { post, db } = setup();
    const response = await post(body());
    expect(response.statusCode).toBe(202);
    const answer = response.json();
    expect(answer.number).toMatch(/^[1-9]\d{9}$/);
    expect(answer.pin).toMatch(/^\d{6}$/);
    expect(response.headers.location).toBe(`/api/bookings/${answer.number}`);
    expect(answer).toMatchObject({ state: 'HOLDING', step: 'hold_rooms', reason: null, total: { amountMinor: 24_000, currency: 'EUR' } });
    expect(answer.steps).toEqual([expect.objectContaining({ seq: 1, step: 'hold_rooms', outcome: 'requested' })]);
    expect(answer).not.toHaveProperty('cardToken');
    const [row] = [...db.rows.values()];
    expect(row!.booking.pinHash).toMatch(/^scrypt\$/);
    expect(row!.booking.pinHash).not.toContain(answer.pin);
    expect(db.outbox.map((c) => c.type)).toEqual(['HoldRooms']);
  });

  it('the same key and body again is 200 with the same booking, without the PIN; another body under the key is 422', async () => {
    const { post, db } = setup();
    const first = (await post(body())).json();
    const again = await post(body());
    expect(again.statusCode).toBe(200);
    expect(again.json().number).toBe(first.number);
    expect(again.json()).not.toHaveProperty('pin');
    const other = await post(body({ guests: 1 }));
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    expect(db.rows.size).toBe(1);
    expect(db.outbox).toHaveLength(1);
    // A new key is a new booking.
    expect((await post(body(), 'key-fedcba9876543210')).statusCode).toBe(202);
  });

  it('the card number is in no answer, no log line and no stored row', async () => {
    const { post, lookup, lines, db } = setup();
    const created = (await post(body())).json();
    await post(body({ card: { number: 'x' + CARD, expiryMonth: 1, expiryYear: 2030, cvc: '123' } }), 'key-another-one-0001');
    const read = await lookup(created.number, created.pin);
    expect(lines.length).toBeGreaterThan(0);
    const everything = [JSON.stringify(created), read.body, ...lines, JSON.stringify([...db.rows.values()]), JSON.stringify(db.outbox)].join('\n');
    expect(everything).not.toContain(CARD);
    expect(everything).not.toContain(CARD.slice(0, 12));
  });
});

describe('GET and cancel /api/bookings/:number', () => {
  async function booked() {
    const context = setup();
    const created = (await context.post(body())).json() as { number: string; pin: string };
    return { ...context, created };
  }
  const wrong = (pin: string) => String((Number(pin) + 1) % 1e6).padStart(6, '0');

  it('the right PIN reads the state and the step history', async () => {
    const { lookup, created } = await booked();
    const response = await lookup(created.number, created.pin);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ number: created.number, state: 'HOLDING', steps: [{ seq: 1 }] });
    expect(response.json()).not.toHaveProperty('pin');
  });

  it('a wrong PIN answers exactly as an unknown number, a malformed number or a malformed PIN', async () => {
    const { lookup, created } = await booked();
    const unknownNumber = created.number === '1000000000' ? '1000000001' : '1000000000';
    const answers = await Promise.all([
      lookup(created.number, wrong(created.pin)),
      lookup(unknownNumber, created.pin),
      lookup('12345', created.pin),
      lookup(created.number, 'abc'),
      lookup(created.number, wrong(created.pin), 'cancel'),
      lookup(unknownNumber, created.pin, 'cancel'),
    ]);
    const shapes = answers.map((a) => {
      const { requestId: _ignored, ...rest } = a.json();
      return { status: a.statusCode, body: rest, type: a.headers['content-type'] };
    });
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
    expect(shapes[0]!.status).toBe(404);
  });

  it('no PIN header is 400 naming it', async () => {
    const { lookup, created } = await booked();
    const response = await lookup(created.number, undefined);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['X-Booking-Pin']);
  });

  it('cancel: 409 while the saga runs, 202 from CONFIRMED (refund first), 200 once cancelled', async () => {
    const { lookup, created, db, runner } = await booked();
    expect((await lookup(created.number, created.pin, 'cancel')).statusCode).toBe(409);
    const id = [...db.rows.keys()][0]!;
    const reply = (type: string, extra: object = {}) => runner.advance(id, { kind: 'reply', reply: { type, bookingId: id, ...extra } as never }, randomUUID());
    await reply('RoomsHeld', { expiresAt: now.toISOString() });
    await reply('PaymentAuthorized');
    await reply('HoldConfirmed');
    await reply('PaymentCaptured', { amountMinor: 24_000 });
    expect(db.sagaOf(created.number)?.state).toBe('CONFIRMED');
    const cancel = await lookup(created.number, created.pin, 'cancel');
    expect(cancel.statusCode).toBe(202);
    expect(cancel.json()).toMatchObject({ state: 'COMPENSATING', step: 'refund_payment', reason: 'guest_cancelled' });
    expect(db.outbox.at(-1)?.type).toBe('RefundPayment');
    expect((await lookup(created.number, created.pin, 'cancel')).statusCode).toBe(200);
    expect(db.outbox.filter((c) => c.type === 'RefundPayment')).toHaveLength(1);
  });

  it('a cancel that loses the saga version on every try is 409 to retry, not a 500', async () => {
    const { lookup, created, db, lines } = await booked();
    db.repository.transition = async () => 'stale';
    const id = [...db.rows.keys()][0]!;
    db.rows.get(id)!.saga = { ...db.rows.get(id)!.saga, state: 'CONFIRMED', step: 'done', stepDeadline: null };
    const cancel = await lookup(created.number, created.pin, 'cancel');
    expect(cancel.statusCode, cancel.body).toBe(409);
    expect(cancel.json().error.code).toBe('booking_changing');
    expect(lines.join('\n')).not.toContain('request failed');
  });

  it('a reply handled twice (same message id) is a duplicate', async () => {
    const { db, runner } = await booked();
    const id = [...db.rows.keys()][0]!;
    const messageId = randomUUID();
    const reply = { kind: 'reply' as const, reply: { type: 'RoomsHeld' as const, bookingId: id, expiresAt: now.toISOString() } };
    expect((await runner.advance(id, reply, messageId)).outcome).toBe('applied');
    expect((await runner.advance(id, reply, messageId)).outcome).toBe('duplicate');
    expect(db.outbox.map((c) => c.type)).toEqual(['HoldRooms', 'AuthorizePayment']);
  });
});

describe('browsers: the CORS policy of the booking API', () => {
  const preflight = (app: ReturnType<typeof setup>['app'], origin: string, url: string, method: string, headers: string) =>
    app.inject({ method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers } });

  it("answers an allowed page's preflight for a lookup with the PIN header and for a creation with the Idempotency-Key", async () => {
    const { app } = setup();
    const lookup = await preflight(app, DEV_PAGE, '/api/bookings/1234567890', 'GET', 'x-booking-pin');
    expect(lookup.statusCode).toBe(204);
    expect(lookup.headers['access-control-allow-origin']).toBe(DEV_PAGE);
    expect(String(lookup.headers['access-control-allow-headers']).toLowerCase().split(', ')).toContain('x-booking-pin');
    const create = await preflight(app, PAGE, '/api/bookings', 'POST', 'content-type,idempotency-key');
    expect(create.statusCode).toBe(204);
    expect(String(create.headers['access-control-allow-headers']).toLowerCase().split(', ')).toEqual(expect.arrayContaining(['content-type', 'idempotency-key']));
    expect(create.headers['access-control-allow-methods']).toContain('POST');
  });

  it("lets the page read the answer and a limit's Retry-After", async () => {
    const { app, post } = setup();
    const created = (await post(body())).json();
    const read = await app.inject({ method: 'GET', url: `/api/bookings/${created.number}`, headers: { origin: DEV_PAGE, 'x-booking-pin': created.pin } });
    expect(read.statusCode).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBe(DEV_PAGE);
    expect(String(read.headers['access-control-expose-headers'])).toContain('Retry-After');
  });

  it('refuses any other origin with 403 before a handler runs, as preflight and as request', async () => {
    const { app, db } = setup();
    const denied = await preflight(app, 'https://evil.example', '/api/bookings/1234567890', 'GET', 'x-booking-pin');
    expect([denied.statusCode, denied.json().error.code]).toEqual([403, 'origin_not_allowed']);
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    const write = await app.inject({ method: 'POST', url: '/api/bookings', payload: body(), headers: { origin: 'https://evil.example', 'idempotency-key': 'key-0123456789abcdef' } });
    expect(write.statusCode).toBe(403);
    expect(db.rows.size).toBe(0);
  });
});
