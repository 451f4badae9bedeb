/**
 * What reaches the orchestrator from Kafka and from the clock: replies read against the
 * contract (a broken one is poison, never guessed at), the reply handlers keyed by message id,
 * and the deadline sweep that ends every saga.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../services/kit/logger.ts';
import { PoisonMessageError } from '../../../../services/kit/saga/poison-message.ts';
import { sweepOnce } from '../../../../services/booking/deadline-sweeper.ts';
import { parseReply, replyTypes } from '../../../../services/booking/saga-messages.ts';
import { startSaga } from '../../../../services/booking/orchestrator.ts';
import { createReplyHandlers, isTransientReplyError } from '../../../../services/booking/reply-handler.ts';
import { createSagaRunner, SagaContentionError } from '../../../../services/booking/saga-runner.ts';
import type { SagaRepository } from '../../../../services/booking/booking-store.ts';
import { fakeBookings } from './fake-bookings.ts';

const timeouts = { stepMs: 10_000, authorizeMs: 3_000 };
const t0 = new Date('2026-12-07T10:00:00.000Z');
const log = createLogger({}, { write: () => undefined });

async function oneBooking() {
  const db = fakeBookings();
  const booking = { id: randomUUID(), roomTypeId: 1, checkIn: '2027-01-01', checkOut: '2027-01-02', totalMinor: 100, currency: 'EUR', cardToken: randomUUID() };
  await db.store.create(
    { ...booking, number: '1234567890', pinHash: 'x', idempotencyKey: 'k'.repeat(16), requestHash: 'h', hotelId: 1, guests: 1, guestName: 'A', guestEmail: 'a@b.c' },
    startSaga(booking, t0, timeouts),
    t0,
  );
  return { db, booking };
}

describe('parseReply', () => {
  it('reads every reply type of the contract', () => {
    const payloads: Record<string, object> = {
      RoomsHeld: { expiresAt: '2026-12-07T10:15:00Z' },
      HoldRefused: { reason: 'sold_out' },
      PaymentCaptured: { amountMinor: 100 },
      PaymentRefunded: { amountMinor: 100 },
    };
    for (const type of replyTypes) {
      const parsed = parseReply(type, { bookingId: 'b1', ...payloads[type] });
      expect(parsed, type).toMatchObject({ ok: true, reply: { type, bookingId: 'b1' } });
    }
  });

  it.each([
    ['an unknown type', 'RoomsStolen', { bookingId: 'b1' }, /unknown reply type/],
    ['no bookingId', 'HoldReleased', {}, /bookingId/],
    ['RoomsHeld without expiresAt', 'RoomsHeld', { bookingId: 'b1' }, /expiresAt/],
    ['a refusal reason outside the contract', 'HoldRefused', { bookingId: 'b1', reason: 'tired' }, /reason/],
    ['a capture without an integer amount', 'PaymentCaptured', { bookingId: 'b1', amountMinor: '100' }, /amountMinor/],
    ['a payload that is not an object', 'HoldReleased', 'b1', /not a JSON object/],
  ])('refuses %s', (_what, type, payload, problem) => {
    const parsed = parseReply(type, payload);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });
});

describe('reply handlers', () => {
  it('handle every reply type: the saga moves once per message id', async () => {
    const { db, booking } = await oneBooking();
    const handlers = createReplyHandlers(createSagaRunner({ repository: db.repository, timeouts, now: () => t0 }), log);
    expect(Object.keys(handlers).sort()).toEqual([...replyTypes].sort());
    const envelope = { id: randomUUID(), type: 'RoomsHeld', bookingId: booking.id, payload: { bookingId: booking.id, expiresAt: t0.toISOString() } };
    await handlers.RoomsHeld!(envelope);
    await handlers.RoomsHeld!(envelope);
    expect(db.outbox.map((c) => c.type)).toEqual(['HoldRooms', 'AuthorizePayment']);
  });

  it('a reply that breaks the contract is poison (dead-lettered at once), a contended saga transient', async () => {
    const { db, booking } = await oneBooking();
    const handlers = createReplyHandlers(createSagaRunner({ repository: db.repository, timeouts }), log);
    await expect(handlers.HoldRefused!({ id: randomUUID(), type: 'HoldRefused', bookingId: booking.id, payload: { bookingId: booking.id, reason: '?' } })).rejects.toBeInstanceOf(
      PoisonMessageError,
    );
    expect(isTransientReplyError(new SagaContentionError(booking.id, 5))).toBe(true);
    expect(isTransientReplyError(Object.assign(new Error('deadlock'), { errno: 1213 }))).toBe(true);
    expect(isTransientReplyError(new Error('bug'))).toBe(false);
  });

  it('the runner gives up after its tries when the version keeps changing, so the message is tried again later', async () => {
    let calls = 0;
    const alwaysStale: SagaRepository = { transition: async () => (calls++, 'stale'), overdue: async () => [] };
    const runner = createSagaRunner({ repository: alwaysStale, timeouts, maxAttempts: 3 });
    await expect(runner.advance('b1', { kind: 'deadline' })).rejects.toBeInstanceOf(SagaContentionError);
    expect(calls).toBe(3);
  });
});

describe('the deadline sweep', () => {
  it('moves only sagas past their deadline, each once, and reports what it did', async () => {
    const { db, booking } = await oneBooking();
    const runner = createSagaRunner({ repository: db.repository, timeouts, now: () => new Date(t0.getTime() + timeouts.stepMs) });
    expect(await sweepOnce({ repository: db.repository, runner, log, now: () => new Date(t0.getTime() + 1) })).toEqual({ found: 0, moved: 0, failed: 0 });
    const late = () => new Date(t0.getTime() + timeouts.stepMs);
    expect(await sweepOnce({ repository: db.repository, runner, log, now: late })).toEqual({ found: 1, moved: 1, failed: 0 });
    expect(db.rows.get(booking.id)!.saga).toMatchObject({ state: 'COMPENSATING', step: 'release_hold', reason: 'timeout' });
    expect(db.outbox.at(-1)?.type).toBe('ReleaseHold');
  });

  it('a saga that cannot be moved is counted and logged, and the others still move', async () => {
    const { db } = await oneBooking();
    const failing: SagaRepository = { ...db.repository, overdue: async () => ['gone', ...(await db.repository.overdue(new Date(8.64e15), 10))] };
    const runner = createSagaRunner({
      repository: { ...db.repository, transition: async (id, ...rest) => (id === 'gone' ? Promise.reject(new Error('boom')) : db.repository.transition(id, ...rest)) },
      timeouts,
      now: () => new Date(8.64e15),
    });
    expect(await sweepOnce({ repository: failing, runner, log })).toEqual({ found: 2, moved: 1, failed: 1 });
  });
});
