/**
 * What keeps a booking from happening twice on the page: one Idempotency-Key per attempt
 * (attempt-key.ts), the client's headers (the PIN in a header, never the address), the
 * form's errors (booking-form.ts), and the device's own bookings (my-bookings.ts).
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/src/lib/api-error.ts';
import { createAttemptKeys } from '../../../web/src/lib/attempt-key.ts';
import { createBookingClient } from '../../../web/src/lib/booking-client.ts';
import { bookingFormErrors } from '../../../web/src/lib/booking-form.ts';
import { createMyBookings, MAX_SAVED, STORAGE_KEY, type SavedBooking } from '../../../web/src/lib/my-bookings.ts';

describe('attempt keys', () => {
  it('the same body keeps its key (double-click, retry); a changed body gets a new one', () => {
    let n = 0;
    const keys = createAttemptKeys(() => `key-${++n}`);
    const body = { hotelId: 1, guest: { name: 'Ada' } };
    expect(keys.keyFor(body)).toBe('key-1');
    expect(keys.keyFor({ ...body })).toBe('key-1');
    expect(keys.keyFor({ hotelId: 1, guest: { name: 'Grace' } })).toBe('key-2');
    expect(keys.keyFor(body)).toBe('key-3');
  });

  it('fresh keys are valid Idempotency-Keys (16-64 of [A-Za-z0-9_-])', () => {
    expect(createAttemptKeys().keyFor({})).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });
});

describe('the booking client', () => {
  it('sends the key and the PIN as headers, the PIN never in the address', async () => {
    const calls: Array<{ url: string; init?: RequestInit }> = [];
    const client = createBookingClient(async (url, init) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ number: '1234567890', state: 'HOLDING' }), { status: 202 });
    });
    const stay = { checkIn: '2026-12-20', checkOut: '2026-12-23', guests: 2 };
    await client.rooms(3, stay);
    await client.book({ hotelId: 3, roomTypeId: 5, ...stay, guest: { name: 'Ada', email: 'ada@example.com' }, card: { number: '4242424242424242', expiryMonth: 12, expiryYear: 2030, cvc: '123' } }, 'k'.repeat(20));
    await client.get('1234567890', '908172');
    await client.cancel('1234567890', '908172');
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      'GET /api/hotels/3/rooms?check_in=2026-12-20&check_out=2026-12-23&guests=2',
      'POST /api/bookings',
      'GET /api/bookings/1234567890',
      'POST /api/bookings/1234567890/cancel',
    ]);
    expect((calls[1]!.init!.headers as Record<string, string>)['Idempotency-Key']).toBe('k'.repeat(20));
    expect((calls[2]!.init!.headers as Record<string, string>)['X-Booking-Pin']).toBe('908172');
    expect(calls[3]!.init!.body).toBe('{}');
    expect(calls.some((c) => c.url.includes('908172'))).toBe(false);
  });
});

describe('the booking form errors', () => {
  it("puts the guest's fields by their controls and the rest above the form", () => {
    const error = new ApiError('rejected', 'the booking has invalid fields', 400, 'validation_failed', [
      { field: 'guest.email', message: 'must be an email address such as name@example.com' },
      { field: 'card.number', message: 'is not a card number' },
      { field: 'hotelId', message: 'no hotel has id 9' },
    ]);
    expect(bookingFormErrors(error)).toEqual({
      fields: { email: 'Email must be an email address such as name@example.com', card: 'Card number is not a card number' },
      form: ['hotelId no hotel has id 9'],
    });
  });

  it('sold out and a service down are messages for the whole form; a 503 says a retry is safe', () => {
    expect(bookingFormErrors(new ApiError('rejected', 'no Double is free', 409, 'sold_out')).form).toEqual(['Sold out: no Double is free']);
    expect(bookingFormErrors(new ApiError('unavailable', 'inventory is not answering.', 503, 'dependency_unavailable')).form[0]).toMatch(/cannot book twice/);
  });
});

describe("the device's own bookings", () => {
  const memory = () => {
    const data = new Map<string, string>();
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
  };
  const booking = (number: string): SavedBooking => ({ number, pin: '123456', hotelId: 1, hotelName: 'Harbour View Hotel', checkIn: '2026-12-20', checkOut: '2026-12-23', savedAt: '2026-12-07T10:00:00Z' });

  it('newest first, one entry per number, forgotten on demand, at most MAX_SAVED', () => {
    const storage = memory();
    const mine = createMyBookings(storage);
    mine.save(booking('1000000001'));
    mine.save(booking('1000000002'));
    mine.save({ ...booking('1000000001'), pin: '654321' });
    expect(mine.list().map((b) => b.number)).toEqual(['1000000001', '1000000002']);
    expect(mine.find('1000000001')?.pin).toBe('654321');
    mine.forget('1000000001');
    expect(mine.list().map((b) => b.number)).toEqual(['1000000002']);
    for (let i = 0; i < MAX_SAVED + 5; i++) mine.save(booking(String(2000000000 + i)));
    expect(mine.list()).toHaveLength(MAX_SAVED);
  });

  it('a broken or foreign entry is skipped, no storage is no list', () => {
    const storage = memory();
    storage.setItem(STORAGE_KEY, JSON.stringify([booking('1000000001'), { number: 5 }, 'x']));
    expect(createMyBookings(storage).list().map((b) => b.number)).toEqual(['1000000001']);
    storage.setItem(STORAGE_KEY, '{not json');
    expect(createMyBookings(storage).list()).toEqual([]);
    expect(createMyBookings(undefined).list()).toEqual([]);
  });
});
