/**
 * The public booking API through HAProxy on the real stack: the booking service behind
 * /api/bookings, its field errors (its own and inventory's), idempotency, whole sagas through
 * the outboxes, Kafka and the participants (confirmed, declined, too slow, cancelled by the
 * guest), the one answer for a wrong PIN and an unknown number, and HAProxy's stick table
 * cutting a burst of guesses at request time and turning a client's run of misses into 429
 * with Retry-After (from inside the network, so the host's address is never locked out). A booking whose saga must stay
 * in flight (for the 409) is written with the service's own store adapter into its real
 * database, without its first command and with a far deadline.
 */
import { randomUUID } from 'node:crypto';
import mysql, { type Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashPin } from '../../services/booking/booking-secrets.ts';
import { startSaga } from '../../services/booking/orchestrator.ts';
import { createMysqlBookingStore } from '../../services/booking/mysql-booking-store.ts';
import { eventually } from '../../scripts/lib/wait/within.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { docker } from './support/fault-tools.ts';
import { containers, stack, urls } from './support/running-stack.ts';

/**
 * Runs a script with the container's Node, from the container's address (inside the network).
 * Awaited, never synchronous: a blocked event loop lets HAProxy close this process's idle
 * keep-alive sockets unseen, and the next request goes out on one ('other side closed').
 */
async function nodeInside(container: string, script: string): Promise<string> {
  return docker(['exec', container, 'node', '--input-type=module', '-e', script]);
}

let base: string;
let pool: Pool;
const pin = '482913';
const wrongPin = '000000';
const number = String(9_000_000_000 + Math.floor(Math.random() * 999_999_999));
const bookingId = randomUUID();

beforeAll(async () => {
  await borrowStack();
  base = urls().api;
  const { ports, saga } = stack();
  const bookings = saga.services.booking;
  pool = mysql.createPool({ host: '127.0.0.1', port: ports.mysql, user: bookings.account, password: bookings.password, database: bookings.database, connectionLimit: 2, timezone: 'Z' });
  const booking = {
    id: bookingId,
    number,
    pinHash: await hashPin(pin),
    idempotencyKey: `e2e-${randomUUID()}`,
    requestHash: '0'.repeat(64),
    hotelId: 1,
    roomTypeId: 1,
    checkIn: '2030-01-10',
    checkOut: '2030-01-12',
    guests: 1,
    guestName: 'E2E Guest',
    guestEmail: 'e2e@example.com',
    totalMinor: 10_000,
    currency: 'EUR',
    cardToken: randomUUID(),
  };
  const now = new Date();
  // Held in flight: its HoldRooms is not written (no participant will answer) and its
  // deadline is an hour away (the sweeper leaves it alone while the test runs).
  const start = { ...startSaga(booking, now, { stepMs: 3_600_000, authorizeMs: 3_600_000 }), commands: [] };
  expect(await createMysqlBookingStore(pool).create(booking, start, now)).toEqual({ kind: 'created' });
});

afterAll(async () => {
  await pool?.query('DELETE FROM booking_steps WHERE booking_id = ?', [bookingId]).catch(() => undefined);
  await pool?.query('DELETE FROM bookings WHERE id = ?', [bookingId]).catch(() => undefined);
  await pool?.end();
});

async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const validBody = {
  hotelId: 1,
  roomTypeId: 1,
  checkIn: '2030-01-10',
  checkOut: '2030-01-12',
  guests: 1,
  guest: { name: 'Ada', email: 'ada@example.com' },
  card: { number: '4242424242424242', expiryMonth: 12, expiryYear: 2035, cvc: '123' },
};
const fields = (body: { error: { fields?: Array<{ field: string }> } }) => (body.error.fields ?? []).map((f) => f.field).sort();

describe('POST /api/bookings through HAProxy', () => {
  test('reaches the booking service, and a missing or malformed Idempotency-Key is 400 naming the header', async () => {
    const missing = await call('POST', '/api/bookings', { body: validBody });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('x-served-by')).toBe('booking');
    expect(fields(missing.body)).toEqual(['Idempotency-Key']);
    const malformed = await call('POST', '/api/bookings', { body: validBody, headers: { 'idempotency-key': 'no spaces allowed here!' } });
    expect(fields(malformed.body)).toEqual(['Idempotency-Key']);
  });

  test('bad input is 400 with every field: dates in the past, check-out not after check-in, over 30 nights, an invalid email, unknown fields', async () => {
    const key = { 'idempotency-key': `e2e-${randomUUID()}` };
    const past = await call('POST', '/api/bookings', { body: { ...validBody, checkIn: '2020-01-01', checkOut: '2019-12-31', guest: { name: 'Ada', email: 'ada@' } }, headers: key });
    expect(past.status).toBe(400);
    expect(fields(past.body)).toEqual(['checkIn', 'checkOut', 'guest.email']);
    const long = await call('POST', '/api/bookings', { body: { ...validBody, checkOut: '2030-02-15' }, headers: key });
    expect(fields(long.body)).toEqual(['checkOut']);
    const odd = await call('POST', '/api/bookings', { body: { ...validBody, guests: '2', coupon: 'x' }, headers: key });
    expect(fields(odd.body)).toEqual(['coupon', 'guests']);
    // No answer echoes the card number.
    expect(JSON.stringify([past.body, long.body, odd.body])).not.toContain('4242424242424242');
  });
});

/** A stay 20-22 days from today on hotel 1's Family Suite (12 rooms, sleeps 4): inside the sample inventory. */
function stay(card: string, overrides: Record<string, unknown> = {}) {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return { ...validBody, roomTypeId: 2, checkIn: day(20), checkOut: day(22), card: { ...validBody.card, number: card }, ...overrides };
}
const CARDS = { succeed: '4242424242424242', decline: '4000000000000002', slow: '4000000000000119' };

async function book(body: unknown) {
  const created = await call('POST', '/api/bookings', { body, headers: { 'idempotency-key': `e2e-${randomUUID()}` } });
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  return created.body as { number: string; pin: string; state: string };
}

/** Reads the booking until its saga has ended (CONFIRMED or CANCELLED). */
function settled(number: string, pin: string, budgetMs = 30_000) {
  return eventually(
    `booking ${number} reaches CONFIRMED or CANCELLED`,
    async () => {
      const read = await call('GET', `/api/bookings/${number}`, { headers: { 'x-booking-pin': pin } });
      return ['CONFIRMED', 'CANCELLED'].includes(read.body?.state) ? read.body : undefined;
    },
    { budgetMs, intervalMs: 200 },
  );
}

describe('whole sagas through HAProxy, the outboxes, Kafka and the participants', () => {
  test("inventory's answers become field errors: an unknown hotel, a room type of another hotel, more guests than the room sleeps", async () => {
    const headers = () => ({ 'idempotency-key': `e2e-${randomUUID()}` });
    const unknownHotel = await call('POST', '/api/bookings', { body: stay(CARDS.succeed, { hotelId: 999_999_999 }), headers: headers() });
    expect([unknownHotel.status, fields(unknownHotel.body)]).toEqual([400, ['hotelId']]);
    const otherHotels = await call('POST', '/api/bookings', { body: stay(CARDS.succeed, { roomTypeId: 4 }), headers: headers() });
    expect([otherHotels.status, fields(otherHotels.body)]).toEqual([400, ['roomTypeId']]);
    const crowded = await call('POST', '/api/bookings', { body: stay(CARDS.succeed, { roomTypeId: 1, guests: 3 }), headers: headers() });
    expect([crowded.status, fields(crowded.body)]).toEqual([400, ['guests']]);
  });

  test('a booking is 202 with a number and a PIN, CONFIRMED after hold, authorize, confirm and capture; a retry with its key is the same booking', async () => {
    const key = { 'idempotency-key': `e2e-${randomUUID()}` };
    const body = stay(CARDS.succeed);
    const created = await call('POST', '/api/bookings', { body, headers: key });
    expect(created.status).toBe(202);
    expect(created.body.number).toMatch(/^\d{10}$/);
    expect(created.body.pin).toMatch(/^\d{6}$/);
    const retry = await call('POST', '/api/bookings', { body, headers: key });
    expect([retry.status, retry.body.number, retry.body.pin]).toEqual([200, created.body.number, undefined]);
    const other = await call('POST', '/api/bookings', { body: { ...body, guests: 2 }, headers: key });
    expect([other.status, other.body.error.code]).toEqual([422, 'idempotency_key_reused']);

    const done = await settled(created.body.number, created.body.pin);
    expect(done.state).toBe('CONFIRMED');
    expect(done.steps.map((s: { outcome: string }) => s.outcome)).toEqual(['requested', 'RoomsHeld', 'PaymentAuthorized', 'HoldConfirmed', 'PaymentCaptured']);

    // The guest cancels: refund, then release, then CANCELLED guest_cancelled.
    const cancel = await call('POST', `/api/bookings/${created.body.number}/cancel`, { body: {}, headers: { 'x-booking-pin': created.body.pin } });
    expect(cancel.status).toBe(202);
    const cancelled = await settled(created.body.number, created.body.pin);
    expect([cancelled.state, cancelled.reason]).toEqual(['CANCELLED', 'guest_cancelled']);
    expect(cancelled.steps.slice(-3).map((s: { outcome: string }) => s.outcome)).toEqual(['guest_cancel', 'PaymentRefunded', 'HoldReleased']);
  });

  test('a declined card releases the hold: CANCELLED payment_declined', async () => {
    const created = await book(stay(CARDS.decline));
    const done = await settled(created.number, created.pin);
    expect([done.state, done.reason]).toEqual(['CANCELLED', 'payment_declined']);
    expect(done.steps.map((s: { outcome: string }) => s.outcome)).toEqual(['requested', 'RoomsHeld', 'PaymentDeclined', 'HoldReleased']);
  });

  test('a card slower than the authorization deadline is voided, then released: CANCELLED payment_timeout', async () => {
    const created = await book(stay(CARDS.slow));
    const done = await settled(created.number, created.pin);
    expect([done.state, done.reason]).toEqual(['CANCELLED', 'payment_timeout']);
    expect(done.steps.map((s: { outcome: string }) => s.outcome).slice(0, 5)).toEqual(['requested', 'RoomsHeld', 'deadline_passed', 'PaymentVoided', 'HoldReleased']);
  });
});

describe('GET and cancel /api/bookings/:number through HAProxy', () => {
  test('the right PIN reads the booking and its steps; a wrong PIN answers exactly as an unknown number', async () => {
    const right = await call('GET', `/api/bookings/${number}`, { headers: { 'x-booking-pin': pin } });
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ number, state: 'HOLDING', steps: [{ seq: 1, step: 'hold_rooms', outcome: 'requested' }] });
    expect(JSON.stringify(right.body)).not.toContain('scrypt');

    const answers = await Promise.all([
      call('GET', `/api/bookings/${number}`, { headers: { 'x-booking-pin': wrongPin } }),
      call('GET', `/api/bookings/${number === '9999999999' ? '9999999998' : '9999999999'}`, { headers: { 'x-booking-pin': pin } }),
      call('POST', `/api/bookings/${number}/cancel`, { body: {}, headers: { 'x-booking-pin': wrongPin } }),
    ]);
    const shapes = answers.map(({ status, body, headers }) => {
      const { requestId: _differs, ...rest } = body;
      return { status, rest, type: headers.get('content-type') };
    });
    expect(shapes[0]!.status).toBe(404);
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
  });

  test("a page on the dev server's origin may send the PIN (preflight 204, the answer readable); any other origin is 403", async () => {
    const devPage = stack().urls.devServer.replace(/\/$/, '');
    const preflight = (origin: string) =>
      fetch(`${base}/api/bookings/${number}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-booking-pin' } });
    const allowed = await preflight(devPage);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(devPage);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-booking-pin');
    const read = await call('GET', `/api/bookings/${number}`, { headers: { origin: devPage, 'x-booking-pin': pin } });
    expect([read.status, read.headers.get('access-control-allow-origin')]).toEqual([200, devPage]);
    const refused = await preflight('http://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a cancel while the saga runs is 409 and changes nothing', async () => {
    const cancel = await call('POST', `/api/bookings/${number}/cancel`, { body: {}, headers: { 'x-booking-pin': pin } });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe('booking_in_progress');
  });

  // From another address than the host's (the booking container's, inside the network), so the
  // lockout it provokes (10 to 20 minutes) never touches the host's lookups, in this file or the next.
  test("a burst of parallel wrong lookups is cut at request time, and the misses lock that address out with 429, the right PIN too", async () => {
    const booking = containers().find((c) => c.service === 'booking' && c.running);
    expect(booking, 'a running booking container').toBeDefined();
    const script = `
      const url = 'http://haproxy:8080/api/bookings/${number}';
      const look = (pin) => fetch(url, { headers: { 'x-booking-pin': pin } });
      const burst = await Promise.all(Array.from({ length: 50 }, () => look('${wrongPin}')));
      const statuses = burst.map((r) => r.status);
      const refusal = burst.find((r) => r.status === 429);
      let locked;
      for (let i = 0; i < 20 && !locked; i++) {
        const r = await look('${wrongPin}');
        if (r.status === 429 && r.headers.get('retry-after') === '600') locked = r;
        else if (r.status !== 404 && r.status !== 429) throw new Error('unexpected ' + r.status);
      }
      const right = await look('${pin}');
      const create = await fetch('http://haproxy:8080/api/bookings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      console.log(JSON.stringify({
        statuses, refusalRetryAfter: refusal?.headers.get('retry-after'),
        locked: locked && { servedBy: locked.headers.get('x-served-by'), body: await locked.json() },
        right: right.status, create: create.status,
      }));`;
    const inside = JSON.parse(await nodeInside(booking!.id, script));
    const found = inside.statuses.filter((status: number) => status === 404).length;
    // At most 4 in flight at once reach the service (a guess answered frees its place for a later
    // one of the burst), and at most 14 misses count in a 10-minute period; the rest never reach it.
    expect(found, JSON.stringify(inside.statuses)).toBeLessThanOrEqual(14);
    expect(inside.statuses.filter((status: number) => status === 429)).toHaveLength(50 - found);
    expect(['1', '600']).toContain(inside.refusalRetryAfter);
    expect(inside.locked, 'no 429 with Retry-After 600 within 20 more wrong lookups').toBeDefined();
    expect(inside.locked).toMatchObject({ servedBy: 'haproxy', body: { error: { code: 'too_many_lookups' } } });
    // Even the right PIN waits now: a guesser cannot test a found number.
    expect(inside.right).toBe(429);
    // Creating a booking is not a lookup.
    expect(inside.create).toBe(400);
    // The limit is that address's: the host still reads its booking.
    expect((await call('GET', `/api/bookings/${number}`, { headers: { 'x-booking-pin': pin } })).status).toBe(200);
  });
});

describe('the limit on new bookings through HAProxy', () => {
  // From the booking container's address too: the host's next bookings (other files) are not held back.
  test('past BOOKING_CREATES_PER_10S new bookings from one address in 10 s, HAProxy answers 429 too_many_bookings with Retry-After', async () => {
    const limit = stack().bookingCreatesPer10s;
    const booking = containers().find((c) => c.service === 'booking' && c.running);
    const script = `
      const create = () => fetch('http://haproxy:8080/api/bookings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const answers = await Promise.all(Array.from({ length: ${limit + 10} }, create));
      const refusal = answers.find((r) => r.status === 429);
      console.log(JSON.stringify({
        statuses: answers.map((r) => r.status),
        refusal: refusal && { retryAfter: refusal.headers.get('retry-after'), servedBy: refusal.headers.get('x-served-by'), body: await refusal.json() },
      }));`;
    const inside = JSON.parse(await nodeInside(booking!.id, script));
    const refused = inside.statuses.filter((status: number) => status === 429).length;
    // Counted as they arrive: whatever the burst, no more than the limit reach the service (a 400
    // for the missing Idempotency-Key, or a 5xx from a service swamped by the burst).
    expect(refused, JSON.stringify(inside.statuses)).toBeGreaterThanOrEqual(10);
    expect(inside.statuses.length - refused).toBeLessThanOrEqual(limit);
    expect(inside.refusal).toMatchObject({ retryAfter: '10', servedBy: 'haproxy', body: { error: { code: 'too_many_bookings' } } });
    // Another address (the host) still books.
    expect((await call('POST', '/api/bookings', { body: validBody })).status).toBe(400);
  });
});
