import { describe, expect, it } from 'vitest';
import type { ApiClient, ApiResponse } from '../../../scripts/lib/platform-client/api-client.ts';
import type { FreeNight } from '../../../scripts/lib/bench/choose-stays.ts';
import { TEST_CARDS } from '../../../scripts/lib/platform-client/booking-requests.ts';
import { runBookingPath, type BookingPathDeps } from '../../../scripts/smoke/booking-path.ts';
import { createStepRunner } from '../../../scripts/smoke/step-runner.ts';

const CONFIRMED_STEPS = ['requested', 'RoomsHeld', 'PaymentAuthorized', 'HoldConfirmed', 'PaymentCaptured'];
const DECLINED_STEPS = ['requested', 'RoomsHeld', 'PaymentDeclined', 'HoldReleased'];

/**
 * A fake booking service and inventory: a POST holds a room of its night, a booking's saga ends
 * on its second read (CONFIRMED for the succeeding card, CANCELLED payment_declined and its room
 * released for the declining one); `faults` makes inventory keep the hold or the saga sell out.
 */
function fakeStack(faults: { keepsDeclinedHold?: boolean; soldOut?: boolean } = {}) {
  const free = new Map<string, number>();
  const nights: FreeNight[] = [1, 2, 3].map((roomTypeId) => ({ hotelId: 1, roomTypeId, capacity: 2, night: '2027-10-03', available: 6 }));
  for (const n of nights) free.set(`${n.roomTypeId}@${n.night}`, n.available);
  const bookings = new Map<string, { pin: string; card: string; cell: string; reads: number }>();
  const requests: Array<{ method: string; path: string; headers: Record<string, string> | undefined }> = [];
  const reply = (status: number, body?: unknown): ApiResponse => ({ status, body, servedBy: 'booking' });
  const api: ApiClient = {
    async request(method, path, body, headers) {
      requests.push({ method, path, headers });
      if (method === 'POST' && path === '/api/bookings') {
        const input = body as { roomTypeId: number; checkIn: string; card: { number: string } };
        const cell = `${input.roomTypeId}@${input.checkIn}`;
        free.set(cell, free.get(cell)! - 1);
        const number = String(9_000_000_000 + bookings.size);
        bookings.set(number, { pin: '123456', card: input.card.number, cell, reads: 0 });
        return reply(202, { number, pin: '123456', state: 'HOLDING' });
      }
      const number = path.split('/')[3]!;
      const booking = bookings.get(number);
      if (!booking || headers?.['x-booking-pin'] !== booking.pin) return reply(404, { error: { code: 'booking_not_found' } });
      booking.reads++;
      if (booking.reads < 2) return reply(200, { number, state: 'AUTHORIZING', step: 'authorize_payment', reason: null, steps: [{ outcome: 'requested' }, { outcome: 'RoomsHeld' }] });
      if (faults.soldOut) return reply(200, { number, state: 'CANCELLED', step: 'done', reason: 'sold_out', steps: [{ outcome: 'requested' }, { outcome: 'HoldRefused' }] });
      if (booking.card === TEST_CARDS.decline) {
        if (!faults.keepsDeclinedHold && booking.reads === 2) free.set(booking.cell, free.get(booking.cell)! + 1);
        return reply(200, { number, state: 'CANCELLED', step: 'done', reason: 'payment_declined', steps: DECLINED_STEPS.map((outcome) => ({ outcome })) });
      }
      return reply(200, { number, state: 'CONFIRMED', step: 'done', reason: null, steps: CONFIRMED_STEPS.map((outcome) => ({ outcome })) });
    },
  };
  let key = 0;
  const deps = (runner = createStepRunner()): BookingPathDeps => ({
    api,
    runner,
    stores: {
      freeNights: async (from, to, minFree) => nights.filter((n) => n.night >= from && n.night <= to && n.available >= minFree),
      available: async (roomTypeId, night) => free.get(`${roomTypeId}@${night}`),
    },
    today: '2026-12-07',
    newKey: () => `smoke-key-${String(++key).padStart(8, '0')}`,
    budgetScale: 0.02,
  });
  return { deps, requests, free };
}

describe('runBookingPath', () => {
  it('confirms a booking, cancels a declined one payment_declined, and finds its night as free as before', async () => {
    const stack = fakeStack();
    const runner = createStepRunner();
    const outcome = await runBookingPath(stack.deps(runner));
    expect(runner.results.filter((r) => r.status !== 'ok')).toEqual([]);
    expect(runner.results.map((r) => r.name)).toEqual([
      'inventory: two free far-future nights',
      'POST /api/bookings (card …4242)',
      'booking CONFIRMED',
      'free rooms before the declined booking',
      'POST /api/bookings (declining card …0002)',
      'declined booking CANCELLED payment_declined',
      'its rooms released',
    ]);
    expect(runner.results[2]!.detail).toContain(CONFIRMED_STEPS.join(' → '));
    expect(runner.results.at(-1)!.detail).toBe('6 free before and after');
    // Two room types, so the confirmed booking's room never blurs the declined one's count.
    expect(runner.results[0]!.detail).toBe('room types 1 and 2, nights 2027-10-03 and 2027-10-03');
    expect(outcome.confirmed).toEqual({ number: '9000000000', pin: '123456', state: 'HOLDING' });
    // Each POST has its own Idempotency-Key; each read sends the PIN.
    const posts = stack.requests.filter((r) => r.method === 'POST');
    expect(new Set(posts.map((r) => r.headers?.['idempotency-key'])).size).toBe(2);
    expect(stack.requests.filter((r) => r.method === 'GET').every((r) => r.headers?.['x-booking-pin'] === '123456')).toBe(true);
  });

  it('fails "its rooms released" when inventory keeps the declined booking\'s hold, saying what it saw and where to look', async () => {
    const runner = createStepRunner();
    await runBookingPath(fakeStack({ keepsDeclinedHold: true }).deps(runner));
    const failed = runner.results.find((r) => r.status === 'failed')!;
    expect(failed.name).toBe('its rooms released');
    expect(failed.failure).toMatchObject({
      expected: expect.stringContaining('6 rooms free on 2027-10-03 for room type 2, as before the booking'),
      seen: '5 room(s) free on 2027-10-03, 6 before the booking',
      hint: expect.stringContaining('npm run logs inventory'),
    });
  });

  it('fails "booking CONFIRMED" at once when the saga cancels it, with the reason, its steps and a fix for that reason', async () => {
    const runner = createStepRunner();
    const outcome = await runBookingPath(fakeStack({ soldOut: true }).deps(runner));
    const failed = runner.results.find((r) => r.status === 'failed')!;
    expect(failed.name).toBe('booking CONFIRMED');
    expect(failed.failure).toMatchObject({ expected: 'CONFIRMED', seen: 'CANCELLED sold_out: requested → HoldRefused', hint: expect.stringContaining('run the smoke again') });
    expect(runner.results.slice(3).every((r) => r.status === 'skipped')).toBe(true);
    // The command still tries to cancel it (a 200 for a cancelled booking).
    expect(outcome.confirmed?.number).toBe('9000000000');
  });
});
