import { describe, expect, it } from 'vitest';
import { checkBooks, isBalanced, type BookingRow, type Books, type HoldRow, type PaymentRow } from '../../../scripts/lib/verify-bookings/check-books.ts';

const MINUTE = 60_000;
let n = 0;
function booking(state: string, overrides: Partial<BookingRow> = {}): BookingRow {
  n += 1;
  return { id: `b-${n}`, number: String(1_000_000_000 + n), state, step: state === 'CONFIRMED' || state === 'CANCELLED' ? 'done' : 'hold_rooms', reason: null, totalMinor: 24_000, currency: 'EUR', ageMs: 1_000, ...overrides };
}
const payment = (b: BookingRow, state: string, capturedMinor = state === 'captured' ? b.totalMinor : 0): PaymentRow => ({ bookingId: b.id, state, amountMinor: b.totalMinor, capturedMinor, currency: b.currency });
const hold = (b: BookingRow | string, state: string): HoldRow => ({ bookingId: typeof b === 'string' ? b : b.id, state });
const check = (books: Partial<Books>) => checkBooks({ bookings: [], payments: [], holds: [], ...books }, { staleAfterMs: 2 * MINUTE });

describe('checkBooks', () => {
  it('a confirmed booking with one capture of its total and a confirmed hold, and cancelled ones with nothing standing, balance', () => {
    const confirmed = booking('CONFIRMED');
    const soldOut = booking('CANCELLED', { reason: 'sold_out' });
    const declined = booking('CANCELLED', { reason: 'payment_declined' });
    const timedOut = booking('CANCELLED', { reason: 'payment_timeout' });
    const guestCancelled = booking('CANCELLED', { reason: 'guest_cancelled' });
    const expired = booking('CANCELLED', { reason: 'hold_expired' });
    const inFlight = booking('AUTHORIZING', { ageMs: MINUTE });
    const result = check({
      bookings: [confirmed, soldOut, declined, timedOut, guestCancelled, expired, inFlight],
      payments: [payment(confirmed, 'captured'), payment(declined, 'declined'), payment(timedOut, 'voided'), payment(guestCancelled, 'refunded', guestCancelled.totalMinor), payment(inFlight, 'authorizing')],
      holds: [hold(confirmed, 'confirmed'), hold(declined, 'released'), hold(timedOut, 'released'), hold(guestCancelled, 'released'), hold(expired, 'expired'), hold(inFlight, 'held')],
    });
    expect(result.problems).toEqual([]);
    expect(isBalanced(result)).toBe(true);
    expect(result.counts).toEqual({ bookings: 7, confirmed: 1, cancelled: 5, inFlight: 1, payments: 5, holds: 6 });
  });

  it('a confirmed booking needs exactly one capture of its total: a voided payment, none, a second capture, a partial one or another currency is named', () => {
    const voided = booking('CONFIRMED');
    const none = booking('CONFIRMED');
    const twice = booking('CONFIRMED');
    const partial = booking('CONFIRMED');
    const otherCurrency = booking('CONFIRMED');
    const result = check({
      bookings: [voided, none, twice, partial, otherCurrency],
      payments: [payment(voided, 'voided'), payment(twice, 'captured', 48_000), payment(partial, 'captured', 1_000), { ...payment(otherCurrency, 'captured'), currency: 'USD' }],
      holds: [voided, none, twice, partial, otherCurrency].map((b) => hold(b, 'confirmed')),
    });
    expect(result.problems).toEqual([
      { kind: 'confirmed-capture', bookingId: voided.id, number: voided.number, expected: 'captured 24000 EUR', found: 'payment voided (captured 0 EUR of 24000 EUR)' },
      { kind: 'confirmed-capture', bookingId: none.id, number: none.number, expected: 'captured 24000 EUR', found: 'no payment' },
      { kind: 'confirmed-capture', bookingId: twice.id, number: twice.number, expected: 'captured 24000 EUR', found: 'payment captured (captured 48000 EUR of 24000 EUR)' },
      { kind: 'confirmed-capture', bookingId: partial.id, number: partial.number, expected: 'captured 24000 EUR', found: 'payment captured (captured 1000 EUR of 24000 EUR)' },
      { kind: 'confirmed-capture', bookingId: otherCurrency.id, number: otherCurrency.number, expected: 'captured 24000 EUR', found: 'payment captured (captured 24000 USD of 24000 USD)' },
    ]);
  });

  it('a confirmed booking whose hold was released, expired or is missing has lost its rooms', () => {
    const released = booking('CONFIRMED');
    const missing = booking('CONFIRMED');
    const result = check({ bookings: [released, missing], payments: [payment(released, 'captured'), payment(missing, 'captured')], holds: [hold(released, 'released')] });
    expect(result.problems.map((p) => [p.number, p.kind, p.found])).toEqual([
      [released.number, 'confirmed-hold', 'hold released'],
      [missing.number, 'confirmed-hold', 'no hold'],
    ]);
  });

  it('a cancelled booking with a capture or an authorization standing, or rooms still held or confirmed, is named', () => {
    const captured = booking('CANCELLED', { reason: 'guest_cancelled' });
    const authorized = booking('CANCELLED', { reason: 'timeout' });
    const held = booking('CANCELLED', { reason: 'payment_declined' });
    const result = check({
      bookings: [captured, authorized, held],
      payments: [payment(captured, 'captured'), payment(authorized, 'authorized'), payment(held, 'declined')],
      holds: [hold(captured, 'confirmed'), hold(authorized, 'released'), hold(held, 'held')],
    });
    expect(result.problems.map((p) => [p.number, p.kind, p.expected, p.found])).toEqual([
      [captured.number, 'cancelled-payment', 'no payment, or declined, voided or refunded', 'payment captured (captured 24000 EUR of 24000 EUR)'],
      [captured.number, 'cancelled-hold', 'no hold, or released or expired', 'hold confirmed'],
      [authorized.number, 'cancelled-payment', 'no payment, or declined, voided or refunded', 'payment authorized (captured 0 EUR of 24000 EUR)'],
      [held.number, 'cancelled-hold', 'no hold, or released or expired', 'hold held'],
    ]);
  });

  it('a live hold or a taken payment without any booking is named by its booking id; released ones and declined ones are history', () => {
    const result = check({
      holds: [hold('ghost-1', 'held'), hold('ghost-2', 'confirmed'), hold('ghost-3', 'released'), hold('ghost-4', 'expired')],
      payments: [{ bookingId: 'ghost-5', state: 'captured', amountMinor: 500, capturedMinor: 500, currency: 'EUR' }, { bookingId: 'ghost-6', state: 'declined', amountMinor: 500, capturedMinor: 0, currency: 'EUR' }],
    });
    expect(result.problems).toEqual([
      { kind: 'orphan-hold', bookingId: 'ghost-1', expected: 'a booking for the hold', found: 'hold held, no booking' },
      { kind: 'orphan-hold', bookingId: 'ghost-2', expected: 'a booking for the hold', found: 'hold confirmed, no booking' },
      { kind: 'orphan-payment', bookingId: 'ghost-5', expected: 'a booking for the payment', found: 'payment captured (captured 500 EUR of 500 EUR), no booking' },
    ]);
  });

  it('a saga not ended after the bound is listed with its state and step; younger ones and COMPENSATING ones inside the bound are in flight', () => {
    const stuck = booking('CAPTURING', { step: 'capture_payment', ageMs: 5 * MINUTE });
    const compensating = booking('COMPENSATING', { step: 'void_payment', ageMs: MINUTE });
    const atTheBound = booking('HOLDING', { ageMs: 2 * MINUTE });
    const result = check({ bookings: [stuck, compensating, atTheBound], payments: [payment(stuck, 'authorized')], holds: [hold(stuck, 'confirmed'), hold(compensating, 'held')] });
    expect(result.problems).toEqual([
      { kind: 'unfinished-saga', bookingId: stuck.id, number: stuck.number, expected: 'CONFIRMED or CANCELLED within 120 s', found: 'CAPTURING at step capture_payment after 300 s' },
    ]);
    expect(result.counts.inFlight).toBe(3);
  });
});
