/**
 * The Idempotency-Key header of POST /api/bookings: the client's name for one booking attempt,
 * so a retry after a lost answer finds the booking instead of making a second one.
 */
import type { FieldError } from '../kit/http-error.ts';

const KEY_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

export type ParsedKey = { ok: true; key: string } | { ok: false; problem: FieldError };

export function parseIdempotencyKey(header: string | string[] | undefined): ParsedKey {
  const field = 'Idempotency-Key';
  if (header === undefined || header === '') {
    return { ok: false, problem: { field, message: 'is required: send a header Idempotency-Key of 16-64 characters A-Z a-z 0-9 _ - (a UUID fits), the same on every retry' } };
  }
  if (Array.isArray(header) || !KEY_SHAPE.test(header)) {
    return { ok: false, problem: { field, message: 'must be one value of 16-64 characters A-Z a-z 0-9 _ - (a UUID fits)' } };
  }
  return { ok: true, key: header };
}
