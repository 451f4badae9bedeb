/** Parsing of GET /api/search?q=&city=&min_stars=&id=&limit=&offset=&check_in=&check_out=&guests= into bounded values. */
import type { FieldError } from '../kit/http-error.ts';
import type { Stay } from '../lib/stay.ts';
import { parseStayQuery } from '../lib/stay-query.ts';
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

// Elasticsearch refuses from + size beyond index.max_result_window (10 000 by default).
const maxWindow = 10_000;
// Hotel ids are the table's BIGINT UNSIGNED (mysql/migrations/0001-create-hotels.sql); the API
// reads them as JavaScript numbers, exact up to 2^53 - 1.
const MAX_ID = Number.MAX_SAFE_INTEGER;

export function parseSearchParams(query: URLSearchParams, today: Date = new Date()): Validation<SearchParams> {
  const errors: FieldError[] = [];
  const parsedStay = parseStayQuery(query, today, { required: false });
  if (!parsedStay.ok) errors.push(...parsedStay.fields);
  const stay = parsedStay.ok ? parsedStay.stay : undefined;
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
