/**
 * The stay a guest asks about, checked before any database or index read (inventory's gRPC
 * calls, catalog-api's date search): calendar dates in
 * order, not in the past, at most MAX_NIGHTS nights, at least one guest. Each problem
 * names the proto field it is about (FieldError, sent as INVALID_ARGUMENT's details).
 * "Today" is the UTC calendar date: the stack's one clock, as db-setup's inventory
 * starts from it.
 */
import type { FieldError } from '../kit/http-error.ts';
import { calendarDay, MAX_NIGHTS } from './calendar.ts';

export { MAX_NIGHTS };

export interface StayRequest {
  checkIn: string;
  checkOut: string;
  guests: number;
}

export interface Stay {
  checkIn: string;
  checkOut: string;
  nights: number;
  guests: number;
}

export type StayCheck = { ok: true; stay: Stay } | { ok: false; fields: FieldError[] };

const DAY_MS = 86_400_000;

export function checkStay(request: StayRequest, today: Date): StayCheck {
  const fields: FieldError[] = [];
  const checkIn = calendarDay(request.checkIn);
  const checkOut = calendarDay(request.checkOut);
  if (checkIn === undefined) fields.push({ field: 'check_in', message: 'must be a calendar date, YYYY-MM-DD' });
  if (checkOut === undefined) fields.push({ field: 'check_out', message: 'must be a calendar date, YYYY-MM-DD' });
  if (checkIn !== undefined && checkIn < Math.floor(today.getTime() / DAY_MS)) {
    fields.push({ field: 'check_in', message: 'must not be in the past (today is ' + dayString(today) + ', UTC)' });
  }
  let nights = 0;
  if (checkIn !== undefined && checkOut !== undefined) {
    nights = checkOut - checkIn;
    if (nights < 1) fields.push({ field: 'check_out', message: 'must be after check_in' });
    else if (nights > MAX_NIGHTS) fields.push({ field: 'check_out', message: `must be at most ${MAX_NIGHTS} nights after check_in` });
  }
  if (!Number.isInteger(request.guests) || request.guests < 1) fields.push({ field: 'guests', message: 'must be at least 1' });
  if (fields.length > 0) return { ok: false, fields };
  return { ok: true, stay: { checkIn: request.checkIn, checkOut: request.checkOut, nights, guests: request.guests } };
}

function dayString(date: Date): string {
  return date.toISOString().slice(0, 10);
}
