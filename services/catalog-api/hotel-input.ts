/**
 * Validation of the body of POST /api/hotels and PUT /api/hotels/:id.
 * Every problem is reported with its field name, so a client fixes all of them
 * in one round trip. Lengths count characters (code points), as MySQL's
 * VARCHAR(n) with utf8mb4 does.
 */
import { HOTEL_INPUT_FIELDS, type HotelInput } from '../lib/hotel.ts';
import type { FieldError } from '../kit/http-error.ts';

export type { HotelInput };

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const allowedFields = new Set<string>(HOTEL_INPUT_FIELDS);
const maxDescriptionChars = 10_000;

export function validateHotelInput(body: unknown): Validation<HotelInput> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ field: '(body)', message: 'must be a JSON object' }] };
  }
  const input = body as Record<string, unknown>;
  const errors: FieldError[] = [];

  for (const field of Object.keys(input)) {
    if (!allowedFields.has(field)) errors.push({ field, message: 'is not a known field' });
  }
  const name = requiredText(input, 'name', 200, errors);
  const city = requiredText(input, 'city', 100, errors);
  const stars = input.stars;
  if (typeof stars !== 'number' || !Number.isInteger(stars) || stars < 1 || stars > 5) {
    errors.push({ field: 'stars', message: 'must be an integer from 1 to 5' });
  }
  const description = optionalText(input, 'description', maxDescriptionChars, errors);

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { name: name!, city: city!, stars: stars as number, description } };
}

function requiredText(input: Record<string, unknown>, field: string, max: number, errors: FieldError[]) {
  const value = input[field];
  if (typeof value !== 'string') {
    errors.push({ field, message: `is required and must be a string of 1 to ${max} characters` });
    return undefined;
  }
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > max) {
    errors.push({ field, message: `must be 1 to ${max} characters (got ${length})` });
  }
  return trimmed;
}

function optionalText(input: Record<string, unknown>, field: string, max: number, errors: FieldError[]) {
  const value = input[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    errors.push({ field, message: `must be a string of at most ${max} characters, or null` });
    return null;
  }
  const trimmed = value.trim();
  if ([...trimmed].length > max) errors.push({ field, message: `must be at most ${max} characters` });
  return trimmed === '' ? null : trimmed;
}

/** Path ids: digits only, within the range JavaScript numbers hold exactly. */
export function parseHotelId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) return undefined;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : undefined;
}
