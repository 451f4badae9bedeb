/**
 * A stay asked in a query string (`check_in`, `check_out`, `guests`; BOOKING-UI.md): a
 * hotel's room list needs one, date search takes one optionally. Both read it here, so the
 * two answer a bad stay alike: both dates or neither, guests 1 to MAX_GUESTS (DEFAULT_GUESTS
 * when not given) and only with dates, then the calendar rules every stay obeys
 * (stay.ts: real dates, not in the past, check-out after check-in, at most MAX_NIGHTS
 * nights). Each problem names its query parameter, as a 400's fields.
 */
import type { FieldError } from '../kit/http-error.ts';
import { checkStay, type Stay } from './stay.ts';

export const MAX_GUESTS = 10;
export const DEFAULT_GUESTS = 2;

export type StayQueryResult = { ok: true; stay: Stay | undefined } | { ok: false; fields: FieldError[] };

/**
 * `required`: the caller cannot answer without a stay (the room list); otherwise no dates at
 * all means "no stay" (search as before). `today`: the stack's UTC calendar day is taken from it.
 */
export function parseStayQuery(query: URLSearchParams, today: Date, options: { required: boolean }): StayQueryResult {
  const given = (field: string) => {
    const value = query.get(field);
    return value === null || value.trim() === '' ? undefined : value.trim();
  };
  const checkIn = given('check_in');
  const checkOut = given('check_out');
  const guestsText = given('guests');
  const fields: FieldError[] = [];
  if (checkIn === undefined && checkOut === undefined && !options.required) {
    if (guestsText !== undefined) fields.push({ field: 'guests', message: 'is only taken with check_in and check_out' });
    return fields.length > 0 ? { ok: false, fields } : { ok: true, stay: undefined };
  }
  if (checkIn === undefined) fields.push({ field: 'check_in', message: checkOut === undefined ? 'is required: a date as YYYY-MM-DD' : 'is required with check_out' });
  if (checkOut === undefined) fields.push({ field: 'check_out', message: checkIn === undefined ? 'is required: a date as YYYY-MM-DD' : 'is required with check_in' });
  const guests = guestsText === undefined ? DEFAULT_GUESTS : Number(guestsText);
  const guestsValid = guestsText === undefined || (/^[0-9]+$/.test(guestsText) && guests >= 1 && guests <= MAX_GUESTS);
  // The dates' problems first, then the guests' (checked against the query's bound, tighter than the calendar's).
  const checked = checkIn !== undefined && checkOut !== undefined ? checkStay({ checkIn, checkOut, guests: guestsValid ? guests : 1 }, today) : undefined;
  if (checked && !checked.ok) fields.push(...checked.fields);
  if (!guestsValid) fields.push({ field: 'guests', message: `must be an integer from 1 to ${MAX_GUESTS}` });
  return checked?.ok && fields.length === 0 ? { ok: true, stay: checked.stay } : { ok: false, fields };
}
