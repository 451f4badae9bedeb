/**
 * A stay asked in a query string (`check_in`, `check_out`, `guests`; BOOKING-UI.md): the
 * room list of a hotel needs one, date search takes one optionally. The rules are the
 * calendar's (calendar.ts: real dates, not in the past, check-out after check-in, at most
 * MAX_NIGHTS nights) plus the guests: 1 to MAX_GUESTS, DEFAULT_GUESTS when not given, and
 * never without dates. Each problem names the query parameter, as the 400's fields.
 */
import type { FieldError } from '../kit/http-error.ts';
import { calendarDay, MAX_NIGHTS } from './calendar.ts';

export const MAX_GUESTS = 10;
export const DEFAULT_GUESTS = 2;

export interface StayQuery {
  checkIn: string;
  checkOut: string;
  nights: number;
  guests: number;
}

export type StayQueryResult = { ok: true; stay: StayQuery | undefined } | { ok: false; fields: FieldError[] };

/**
 * `required`: the caller cannot answer without a stay (the room list); otherwise no dates at
 * all means "no stay" (search as before). `today` is YYYY-MM-DD, the stack's UTC calendar.
 */
export function parseStayQuery(query: URLSearchParams, today: string, options: { required: boolean }): StayQueryResult {
  const checkInText = query.get('check_in') ?? '';
  const checkOutText = query.get('check_out') ?? '';
  const guestsText = query.get('guests') ?? '';
  const fields: FieldError[] = [];
  if (checkInText === '' && checkOutText === '' && !options.required) {
    if (guestsText !== '') fields.push({ field: 'guests', message: 'needs check_in and check_out: guests count only for a stay' });
    return fields.length > 0 ? { ok: false, fields } : { ok: true, stay: undefined };
  }
  const checkIn = dayOf(checkInText, 'check_in', fields);
  const checkOut = dayOf(checkOutText, 'check_out', fields);
  if (checkIn !== undefined && checkInText < today) fields.push({ field: 'check_in', message: `is in the past (today is ${today}, UTC)` });
  let nights = 0;
  if (checkIn !== undefined && checkOut !== undefined) {
    nights = checkOut - checkIn;
    if (nights < 1) fields.push({ field: 'check_out', message: 'must be after check_in' });
    else if (nights > MAX_NIGHTS) fields.push({ field: 'check_out', message: `a stay is at most ${MAX_NIGHTS} nights (this one is ${nights})` });
  }
  let guests = DEFAULT_GUESTS;
  if (guestsText !== '') {
    guests = Number(guestsText);
    if (!/^[0-9]{1,2}$/.test(guestsText) || guests < 1 || guests > MAX_GUESTS) {
      fields.push({ field: 'guests', message: `must be an integer from 1 to ${MAX_GUESTS}` });
    }
  }
  if (fields.length > 0) return { ok: false, fields };
  return { ok: true, stay: { checkIn: checkInText, checkOut: checkOutText, nights, guests } };
}

function dayOf(text: string, field: string, fields: FieldError[]): number | undefined {
  if (text === '') {
    fields.push({ field, message: 'is required with a stay: a date as YYYY-MM-DD' });
    return undefined;
  }
  const day = calendarDay(text);
  if (day === undefined) fields.push({ field, message: 'must be a real date as YYYY-MM-DD' });
  return day;
}
