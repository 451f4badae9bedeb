/**
 * Reading a command's payload field by field: a payload that breaks the contract is
 * poison (no retry will fix it), so every problem becomes one PoisonMessageError that
 * names the type and the fields, and the message goes to the dead-letter topic.
 */
import { PoisonMessageError } from '../../kit/saga/poison-message.ts';
import { calendarDay } from '../calendar.ts';

/** Booking ids and card tokens: CHAR(36) columns (UUIDs in practice; the column is the contract). */
const ID = /^[A-Za-z0-9-]{1,36}$/;
const CURRENCY = /^[A-Z]{3}$/;

export function payloadReader(type: string, payload: Record<string, unknown>) {
  const problems: string[] = [];
  const field = <T>(name: string, ok: (value: unknown) => value is T, shape: string): T => {
    const value = payload[name];
    if (!ok(value)) problems.push(`${name} must be ${shape} (got ${JSON.stringify(value ?? null)})`);
    return value as T;
  };
  const isString = (value: unknown): value is string => typeof value === 'string';
  const positiveInteger = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;
  const nonNegativeInteger = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
  return {
    id: (name: string) => field(name, (v): v is string => isString(v) && ID.test(v), 'an id of 1-36 letters, digits or dashes'),
    date: (name: string) => field(name, (v): v is string => isString(v) && calendarDay(v) !== undefined, 'a date YYYY-MM-DD'),
    positiveInteger: (name: string) => field(name, positiveInteger, 'a positive integer'),
    /** A whole number from 1 to `max`: a count the command may not exceed (rooms of a hold). */
    countUpTo: (name: string, max: number) => field(name, (v): v is number => positiveInteger(v) && v <= max, `a whole number from 1 to ${max}`),
    nonNegativeInteger: (name: string) => field(name, nonNegativeInteger, 'an integer ≥ 0'),
    currency: (name: string) => field(name, (v): v is string => isString(v) && CURRENCY.test(v), 'a currency code like EUR'),
    /** Throws when any field was wrong, or when `rule` (a cross-field check) says so. */
    done(rule?: string | false) {
      if (rule) problems.push(rule);
      if (problems.length > 0) throw new PoisonMessageError(`${type} payload: ${problems.join('; ')}`);
    },
  };
}

/** The payload of every command that names only its booking (ConfirmHold, ReleaseHold, CapturePayment, ...). */
export function decodeBookingOnly(type: string, payload: Record<string, unknown>): { bookingId: string } {
  const read = payloadReader(type, payload);
  const command = { bookingId: read.id('bookingId') };
  read.done();
  return command;
}
