/**
 * The booking service's MySQL adapters against the stack's real database server, from the
 * host on the published port: mysql-booking-store.ts and mysql-saga-repository.ts on a
 * scratch database made from the committed migrations (mysql/saga-messaging, then
 * mysql/bookings), dropped afterwards. The unit tests cover the orchestrator and the API with
 * fakes; only here do the SQL, the unique keys, the inbox and the optimistic version meet
 * the server: two transitions of one booking at once → one wins, the other is stale and
 * leaves nothing behind, and decided again it changes nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql, { type Pool, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decide, startSaga } from '../../services/booking/orchestrator.ts';
import { createSagaRunner } from '../../services/booking/saga-runner.ts';
import type { BookingStore, NewBooking, SagaRepository } from '../../services/booking/booking-store.ts';
import { createMysqlBookingStore } from '../../services/booking/mysql-booking-store.ts';
import { createMysqlSagaRepository } from '../../services/booking/mysql-saga-repository.ts';
import { paths } from '../../scripts/lib/paths.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { stack, stackConfig } from './support/running-stack.ts';

const timeouts = { stepMs: 10_000, authorizeMs: 3_000 };
const scratch = `bookings_adapter_${Date.now().toString(36)}`;
let admin: Pool;
let pool: Pool;
let store: BookingStore;
let repository: SagaRepository;

function migrations(folder: string): string[] {
  const dir = join(paths.repoRoot, 'mysql', folder, 'migrations');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

beforeAll(async () => {
  await borrowStack();
  const { ports } = stack();
  const root = { host: '127.0.0.1', port: ports.mysql, user: 'root', password: stackConfig().MYSQL_ROOT_PASSWORD ?? '', charset: 'utf8mb4' };
  admin = mysql.createPool({ ...root, connectionLimit: 1, multipleStatements: true });
  await admin.query(`CREATE DATABASE ${scratch}`);
  for (const sql of [...migrations('saga-messaging'), ...migrations('bookings')]) await admin.query(`USE ${scratch}; ${sql}`);
  // As services/booking/main.ts builds it, on the scratch database.
  pool = mysql.createPool({ ...root, database: scratch, connectionLimit: 4, timezone: 'Z' });
  pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'");
  });
  store = createMysqlBookingStore(pool);
  repository = createMysqlSagaRepository(pool);
});

afterAll(async () => {
  await pool?.end();
  await admin?.query(`DROP DATABASE IF EXISTS ${scratch}`).catch(() => undefined);
  await admin?.end();
});

function newBooking(overrides: Partial<NewBooking> = {}): NewBooking {
  return {
    id: randomUUID(),
    number: String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999)),
    pinHash: 'scrypt$4096$8$1$c2FsdA==$aGFzaA==',
    idempotencyKey: `key-${randomUUID()}`,
    requestHash: 'a'.repeat(64),
    hotelId: 1,
    roomTypeId: 3,
    checkIn: '2027-03-01',
    checkOut: '2027-03-04',
    guests: 2,
    guestName: "Zoë O'Brien 🏨",
    guestEmail: 'zoe@example.com',
    totalMinor: 36_000,
    currency: 'EUR',
    cardToken: randomUUID(),
    ...overrides,
  };
}

// Millisecond timestamps: TIMESTAMP(3) keeps them exactly.
const t0 = new Date(Math.floor(Date.now() / 1000) * 1000 + 123);

async function created(booking = newBooking()) {
  const start = startSaga(booking, t0, timeouts);
  expect(await store.create(booking, start, t0)).toEqual({ kind: 'created' });
  return booking;
}

async function rows<T>(sql: string, values: unknown[]): Promise<T[]> {
  const [result] = await pool.query<RowDataPacket[]>(sql, values);
  return result as T[];
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000, intervalMs = 20): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * InnoDB fills information_schema.innodb_trx from a cache it refreshes only when the table has
 * not been read for 100 ms (CACHE_MIN_IDLE_TIME_US in both MySQL and MariaDB): polled every
 * 20 ms, it kept answering with the state before the loser started waiting, and this wait
 * timed out (CI11). Polled every 250 ms, each read sees a fresh picture.
 */
async function untilATransactionWaitsForALock(): Promise<void> {
  await waitUntil(async () => (await rows("SELECT trx_id FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'", [])).length > 0, 10_000, 250);
}

const roomsHeld = (bookingId: string) => ({ kind: 'reply' as const, reply: { type: 'RoomsHeld' as const, bookingId, expiresAt: t0.toISOString() } });

describe('the booking store on the real database', () => {
  test('a new booking is its row, its first step and HoldRooms in the outbox, read back field for field', async () => {
    const booking = await created();
    expect(await store.findByNumber(booking.number)).toEqual({ bookingId: booking.id, pinHash: booking.pinHash });
    expect(await store.view(booking.id)).toMatchObject({
      number: booking.number,
      state: 'HOLDING',
      step: 'hold_rooms',
      reason: null,
      checkIn: '2027-03-01',
      checkOut: '2027-03-04',
      guest: { name: booking.guestName, email: booking.guestEmail },
      total: { amountMinor: 36_000, currency: 'EUR' },
      createdAt: t0.toISOString(),
      steps: [{ seq: 1, step: 'hold_rooms', outcome: 'requested', participant: 'booking', at: t0.toISOString() }],
    });
    const outbox = await rows<{ aggregatetype: string; aggregateid: string; type: string; payload: unknown }>(
      'SELECT aggregatetype, aggregateid, type, payload FROM outbox WHERE aggregateid = ?',
      [booking.id],
    );
    expect(outbox).toEqual([
      {
        aggregatetype: 'inventory.commands',
        aggregateid: booking.id,
        type: 'HoldRooms',
        payload: { bookingId: booking.id, roomTypeId: 3, checkIn: '2027-03-01', checkOut: '2027-03-04', rooms: 1 },
      },
    ]);
    expect((await store.findByIdempotencyKey(booking.idempotencyKey))?.view.number).toBe(booking.number);
    expect(await store.findByNumber('0000000000')).toBeUndefined();
  });

  test('the unique keys settle races: a taken idempotency key, a taken number; neither leaves a row', async () => {
    const first = await created();
    const sameKey = newBooking({ idempotencyKey: first.idempotencyKey });
    expect(await store.create(sameKey, startSaga(sameKey, t0, timeouts), t0)).toEqual({ kind: 'key_taken' });
    const sameNumber = newBooking({ number: first.number });
    expect(await store.create(sameNumber, startSaga(sameNumber, t0, timeouts), t0)).toEqual({ kind: 'number_taken' });
    const leftovers = await rows('SELECT id FROM bookings WHERE id IN (?, ?)', [sameKey.id, sameNumber.id]);
    expect(leftovers).toEqual([]);
    expect(await rows('SELECT id FROM outbox WHERE aggregateid IN (?, ?)', [sameKey.id, sameNumber.id])).toEqual([]);
  });
});

describe('saga transitions on the real database', () => {
  test('a reply moves the saga once: version, step history, outbox and inbox in one transaction; its redelivery changes nothing', async () => {
    const booking = await created();
    const runner = createSagaRunner({ repository, timeouts, now: () => t0 });
    const messageId = randomUUID();
    expect((await runner.advance(booking.id, roomsHeld(booking.id), messageId)).outcome).toBe('applied');
    expect((await runner.advance(booking.id, roomsHeld(booking.id), messageId)).outcome).toBe('duplicate');
    // Another message with the same fact (a participant answering twice) is a stale reply.
    expect((await runner.advance(booking.id, roomsHeld(booking.id), randomUUID())).outcome).toBe('ignored');
    const [row] = await rows<{ state: string; version: number; step_deadline: Date }>('SELECT state, version, step_deadline FROM bookings WHERE id = ?', [booking.id]);
    expect(row).toEqual({ state: 'AUTHORIZING', version: 1, step_deadline: new Date(t0.getTime() + timeouts.authorizeMs) });
    const types = await rows<{ type: string }>('SELECT type FROM outbox WHERE aggregateid = ? ORDER BY created_at, type', [booking.id]);
    expect(types.map((r) => r.type).sort()).toEqual(['AuthorizePayment', 'HoldRooms']);
    expect(await rows('SELECT message_id FROM inbox WHERE message_id = ?', [messageId])).toHaveLength(1);
    const view = (await store.view(booking.id))!;
    expect(view.steps.map((s) => [s.seq, s.step, s.outcome])).toEqual([
      [1, 'hold_rooms', 'requested'],
      [2, 'hold_rooms', 'RoomsHeld'],
    ]);
  });

  test('two transitions of one booking at once: the one that commits first wins, the other is stale, leaves nothing, and decided again is ignored', async () => {
    const booking = await created();
    // The winner: another transition (as the sweeper or a second reply would be) that has
    // updated the row and holds it, not yet committed.
    const winner = await pool.getConnection();
    await winner.beginTransaction();
    await winner.query("UPDATE bookings SET state = 'AUTHORIZING', step = 'authorize_payment', version = version + 1 WHERE id = ?", [booking.id]);
    await winner.query("INSERT INTO booking_steps (booking_id, seq, step, outcome, participant, at) VALUES (?, 2, 'hold_rooms', 'RoomsHeld', 'inventory', ?)", [booking.id, t0]);
    // The loser reads version 0 (the winner has not committed), decides, and its update waits on the row lock.
    const messageId = randomUUID();
    const loser = repository.transition(booking.id, messageId, (saga) => decide(saga, roomsHeld(booking.id), t0, timeouts), t0);
    await untilATransactionWaitsForALock();
    await winner.commit();
    winner.release();
    expect(await loser).toBe('stale');
    // Nothing of the loser's stayed: no step, no command, and its message id is not marked handled.
    expect(await rows('SELECT seq FROM booking_steps WHERE booking_id = ?', [booking.id])).toHaveLength(2);
    expect(await rows("SELECT id FROM outbox WHERE aggregateid = ? AND type = 'AuthorizePayment'", [booking.id])).toHaveLength(0);
    expect(await rows('SELECT message_id FROM inbox WHERE message_id = ?', [messageId])).toHaveLength(0);
    // The runner decides again on the winner's state: RoomsHeld is no longer awaited.
    const runner = createSagaRunner({ repository, timeouts, now: () => t0 });
    expect((await runner.advance(booking.id, roomsHeld(booking.id), messageId)).outcome).toBe('ignored');
    expect(await rows('SELECT message_id FROM inbox WHERE message_id = ?', [messageId])).toHaveLength(1);
    const [row] = await rows<{ version: number }>('SELECT version FROM bookings WHERE id = ?', [booking.id]);
    expect(row!.version).toBe(1);
  });

  test('replies racing through the runner: each applied once, in some order, and the saga ends where the saga says', async () => {
    const booking = await created();
    const runner = createSagaRunner({ repository, timeouts, now: () => t0 });
    const reply = (type: string) => ({ kind: 'reply' as const, reply: { type, bookingId: booking.id, ...(type === 'RoomsHeld' ? { expiresAt: t0.toISOString() } : {}) } as never });
    await runner.advance(booking.id, reply('RoomsHeld'), randomUUID());
    // The same authorization delivered as two messages at once (a rebalance): one acts.
    const outcomes = await Promise.all([randomUUID(), randomUUID(), randomUUID()].map((id) => runner.advance(booking.id, reply('PaymentAuthorized'), id)));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['applied', 'ignored', 'ignored']);
    expect(await rows("SELECT id FROM outbox WHERE aggregateid = ? AND type = 'ConfirmHold'", [booking.id])).toHaveLength(1);
    expect((await store.view(booking.id))!.state).toBe('CONFIRMING_HOLD');
  });

  test('overdue lists a saga once its step deadline has passed, and the sweep moves it to compensation', async () => {
    const booking = await created();
    const deadline = new Date(t0.getTime() + timeouts.stepMs);
    expect(await repository.overdue(new Date(deadline.getTime() - 1), 1000)).not.toContain(booking.id);
    expect(await repository.overdue(deadline, 1000)).toContain(booking.id);
    const runner = createSagaRunner({ repository, timeouts, now: () => deadline });
    expect((await runner.advance(booking.id, { kind: 'deadline' })).outcome).toBe('applied');
    const view = (await store.view(booking.id))!;
    expect(view).toMatchObject({ state: 'COMPENSATING', step: 'release_hold', reason: 'timeout' });
  });
});
