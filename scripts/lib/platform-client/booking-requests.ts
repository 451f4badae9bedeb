/**
 * A booking as a client on the host sends it through HAProxy (POST /api/bookings, SAGA-DESIGN.md
 * "Public API"): the body for a stay and a test card, and a fresh Idempotency-Key.
 */
import { randomUUID } from 'node:crypto';
import { TEST_CARDS } from '../../../services/payment/contract.ts';
import type { Stay } from '../bench/choose-stays.ts';

export { TEST_CARDS };

/** What 202 answers with (the PIN only in that first answer). */
export interface CreatedBooking {
  number: string;
  pin: string;
  state: string;
}

/** What GET /api/bookings/:number answers with, as far as the host's clients read it. */
export interface BookingRead {
  number: string;
  state: string;
  step: string;
  reason: string | null;
  steps: Array<{ outcome: string; at: string }>;
}

export function bookingRequest(stay: Stay, cardNumber: string, guest = { name: 'Smoke Guest', email: 'smoke@example.com' }, year = new Date().getUTCFullYear()) {
  return {
    hotelId: stay.hotelId,
    roomTypeId: stay.roomTypeId,
    checkIn: stay.checkIn,
    checkOut: stay.checkOut,
    guests: 1,
    guest,
    card: { number: cardNumber, expiryMonth: 12, expiryYear: year + 3, cvc: '123' },
  };
}

/** 16-64 of [A-Za-z0-9_-]: `<prefix>-<uuid>`. */
export function newIdempotencyKey(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** A card as the output shows it: its last four digits. */
export function cardEnding(number: string): string {
  return `…${number.slice(-4)}`;
}
