import { describe, expect, it } from 'vitest';
import { formatUserError } from '../../../scripts/lib/errors.ts';
import { booksJson, formatBooksReport, unbalancedError, type BooksReport } from '../../../scripts/lib/verify-bookings/books-report.ts';
import type { BookProblem } from '../../../scripts/lib/verify-bookings/check-books.ts';

const counts = { bookings: 200, confirmed: 5, cancelled: 195, inFlight: 0, payments: 5, holds: 5 };
const report = (problems: BookProblem[] = []): BooksReport => ({ check: { counts, problems }, staleAfterMs: 120_000, seconds: 0.2346 });
const voided: BookProblem = { kind: 'confirmed-capture', bookingId: 'b-1', number: '4815162342', expected: 'captured 24000 EUR', found: 'payment voided (captured 0 EUR of 24000 EUR)' };
const orphan: BookProblem = { kind: 'orphan-hold', bookingId: 'b-2', expected: 'a booking for the hold', found: 'hold held, no booking' };

describe('the verify:bookings report', () => {
  it('balanced: the counts and one line saying so, no error', () => {
    expect(formatBooksReport(report())).toBe(
      "200 bookings (5 CONFIRMED, 195 CANCELLED, 0 in flight), 5 payments, 5 holds\n✔ the books balance: every booking's money and rooms match its state (0.2 s)",
    );
    expect(unbalancedError(report())).toBeUndefined();
  });

  it('unbalanced: a line per problem with the booking number (or the id when there is no booking), the rule, expected and found; exit 1 with the fix', () => {
    const text = formatBooksReport(report([voided, orphan]));
    expect(text.split('\n').slice(1)).toEqual([
      '✖ booking 4815162342: CONFIRMED without exactly one capture of its total: expected captured 24000 EUR, found payment voided (captured 0 EUR of 24000 EUR)',
      '✖ booking id b-2: a hold without a booking: expected a booking for the hold, found hold held, no booking',
    ]);
    const error = unbalancedError(report([voided, orphan]))!;
    expect(error.exitCode).toBe(1);
    expect(formatUserError(error)).toMatch(/^\n✖ the booking books do not balance: 2 problems \(listed above\)\n  fix: .*booking_steps/);
  });

  it('JSON: clean, the counts, the bound in seconds and every problem as found', () => {
    expect(booksJson(report([voided]))).toEqual({ clean: false, ...counts, staleAfterSeconds: 120, problems: [voided], seconds: 0.235 });
    expect(booksJson(report()).clean).toBe(true);
  });
});
