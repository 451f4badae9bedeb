/**
 * The fingerprint of a booking request, stored with its Idempotency-Key so a retry can be told
 * from another request under the same key. It covers every field except the card's number and
 * CVC, which stand in as the number's last four digits: an unkeyed hash of a card number is
 * card data (a 16-digit number with a known prefix is found by brute force), and the booking
 * service keeps none.
 */
import { createHash } from 'node:crypto';
import type { BookingInput } from './booking-input.ts';

export function requestHash(input: BookingInput): string {
  const { card, guest } = input;
  const canonical = [
    input.hotelId,
    input.roomTypeId,
    input.checkIn,
    input.checkOut,
    input.guests,
    guest.name,
    guest.email,
    card.number.slice(-4),
    card.number.length,
    card.expiryMonth,
    card.expiryYear,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
