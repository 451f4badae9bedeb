/** Parsing of GET /api/search?q=&city=&min_stars=&id=&limit=&offset=&check_in=&check_out=&guests= into bounded values. */
import type { FieldError } from '../kit/http-error.ts';
import { checkStay, type Stay } from '../lib/stay.ts';
import type { Validation } from './hotel-input.ts';

export interface SearchParams {
  q: string;
  city: string | undefined;
  /** Only hotels with at least this many stars (the front end's stars filter). */
  minStars?: number;
  /**
   * Only the hotel with this id. The page asks it after a delete: "is the hotel still in
   * search?" cannot be asked by name, because an edit made just before the delete may not
   * have reached search yet, and then the name the page knows finds nothing.
   */
  id?: number;
  limit: number;
  offset: number;
  /**
   * Date search (issue 21): only hotels with a room type of capacity >= guests free on
   * every night of the stay. Absent without check_in and check_out: the search of before.
   */
  stay?: Stay;
}

/** Guests a date search may ask for, and how many it means when only the dates are given (BOOKING-UI.md). */
export const MAX_GUESTS = 10;
export const DEFAULT_GUESTS = 2;

// Elasticsearch refuses from + size beyond index.max_result_window (10 000 by default).
const maxWindow = 10_000;
// Hotel ids are the table's BIGINT UNSIGNED (mysql/migrations/0001-create-hotels.sql); the API
// reads them as JavaScript numbers, exact up to 2^53 - 1.
const MAX_ID = Number.MAX_SAFE_INTEGER;

export function parseSearchParams(query: URLSearchParams, today: Date = new Date()): Validation<SearchParams> {
  const errors: FieldError[] = [];
  const stay = parseStay(query, today, errors);
  const q = (query.get('q') ?? '').trim();
  if ([...q].length > 500) errors.push({ field: 'q', message: 'must be at most 500 characters' });
  const city = query.get('city')?.trim() || undefined;
  const minStarsRaw = query.get('min_stars');
  const minStars = minStarsRaw === null || minStarsRaw === '' ? undefined : intParam(query, 'min_stars', 1, 1, 5, errors);
  const idRaw = query.get('id');
  const id = idRaw === null || idRaw === '' ? undefined : intParam(query, 'id', 1, 1, MAX_ID, errors);
  const limit = intParam(query, 'limit', 10, 1, 100, errors);
  const offset = intParam(query, 'offset', 0, 0, maxWindow - 1, errors);
  if (errors.length === 0 && offset + limit > maxWindow) {
    errors.push({ field: 'offset', message: `offset + limit must be at most ${maxWindow}` });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { q, city, minStars, ...(id === undefined ? {} : { id }), limit, offset, ...(stay === undefined ? {} : { stay }) } };
}

/** Both dates or neither; guests only with dates (1 to MAX_GUESTS, DEFAULT_GUESTS when absent); then the stay rules of services/lib/stay.ts. */
function parseStay(query: URLSearchParams, today: Date, errors: FieldError[]): Stay | undefined {
  const given = (field: string) => {
    const value = query.get(field);
    return value === null || value.trim() === '' ? undefined : value.trim();
  };
  const checkIn = given('check_in');
  const checkOut = given('check_out');
  const guestsRaw = given('guests');
  if (checkIn === undefined && checkOut === undefined) {
    if (guestsRaw !== undefined) errors.push({ field: 'guests', message: 'is only taken with check_in and check_out' });
    return undefined;
  }
  if (checkIn === undefined) errors.push({ field: 'check_in', message: 'is required with check_out' });
  if (checkOut === undefined) errors.push({ field: 'check_out', message: 'is required with check_in' });
  const guests = intParam(query, 'guests', DEFAULT_GUESTS, 1, MAX_GUESTS, errors);
  if (checkIn === undefined || checkOut === undefined) return undefined;
  const checked = checkStay({ checkIn, checkOut, guests }, today);
  if (!checked.ok) {
    // guests is already checked above, against the tighter bound of search.
    errors.push(...checked.fields.filter((field) => field.field !== 'guests'));
    return undefined;
  }
  return checked.stay;
}

function intParam(query: URLSearchParams, field: string, fallback: number, min: number, max: number, errors: FieldError[]) {
  const raw = query.get(field);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!/^[0-9]+$/.test(raw) || value < min || value > max) {
    errors.push({ field, message: `must be an integer from ${min} to ${max}` });
    return fallback;
  }
  return value;
}
