/**
 * POST /api/bookings: the body's shape as a route schema (Fastify validates it and answers 400
 * with the fields: types, required fields, lengths, unknown fields refused), then the rules a
 * schema cannot say well, each as a field error with a message a guest can act on.
 */
import type { FieldError } from '../kit/http-error.ts';
import { calendarDay, MAX_NIGHTS } from '../lib/calendar.ts';

export interface BookingInput {
  hotelId: number;
  roomTypeId: number;
  checkIn: string;
  checkOut: string;
  guests: number;
  guest: { name: string; email: string };
  card: { number: string; expiryMonth: number; expiryYear: number; cvc: string };
}

const id = { type: 'integer', minimum: 1, maximum: 2 ** 53 - 1 } as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export const bookingBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['hotelId', 'roomTypeId', 'checkIn', 'checkOut', 'guests', 'guest', 'card'],
  properties: {
    hotelId: id,
    roomTypeId: id,
    checkIn: day,
    checkOut: day,
    guests: { type: 'integer', minimum: 1, maximum: 20 },
    guest: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'email'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        email: { type: 'string', minLength: 3, maxLength: 254 },
      },
    },
    card: {
      type: 'object',
      additionalProperties: false,
      required: ['number', 'expiryMonth', 'expiryYear', 'cvc'],
      properties: {
        // The schema's message names the pattern, never the value: no card number reaches an answer or a log.
        number: { type: 'string', pattern: '^\\d{12,19}$' },
        expiryMonth: { type: 'integer', minimum: 1, maximum: 12 },
        expiryYear: { type: 'integer', minimum: 2000, maximum: 2100 },
        cvc: { type: 'string', pattern: '^\\d{3,4}$' },
      },
    },
  },
} as const;

// Deliberately plain: one @, something on both sides, a dot in the domain, no spaces.
// The address is proved by mail reaching it, not by a regular expression.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The rules of the stay and the guest that hold whatever the hotel: dates, length, email. */
export function checkStay(input: BookingInput, today: string): FieldError[] {
  const problems: FieldError[] = [];
  const checkIn = calendarDay(input.checkIn);
  const checkOut = calendarDay(input.checkOut);
  if (checkIn === undefined) problems.push({ field: 'checkIn', message: `must be a real date as YYYY-MM-DD (got "${input.checkIn}")` });
  else if (input.checkIn < today) problems.push({ field: 'checkIn', message: `is in the past (today is ${today})` });
  if (checkOut === undefined) problems.push({ field: 'checkOut', message: `must be a real date as YYYY-MM-DD (got "${input.checkOut}")` });
  if (checkIn !== undefined && checkOut !== undefined) {
    if (checkOut <= checkIn) problems.push({ field: 'checkOut', message: 'must be after checkIn' });
    else if (checkOut - checkIn > MAX_NIGHTS) {
      problems.push({ field: 'checkOut', message: `a stay is at most ${MAX_NIGHTS} nights (this one is ${checkOut - checkIn})` });
    }
  }
  if (!EMAIL.test(input.guest.email)) problems.push({ field: 'guest.email', message: 'must be an email address such as name@example.com' });
  if (input.guest.name.trim() === '') problems.push({ field: 'guest.name', message: 'must not be blank' });
  return problems;
}

/** Today as YYYY-MM-DD in UTC: the stack's one calendar (inventory's nights are UTC dates too). */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
