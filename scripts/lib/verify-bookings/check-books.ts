/**
 * The booking saga's books, checked across its three databases (issue 20, invariants 2
 * and 3): a pure function of the rows, so every rule is unit-tested with plain objects
 * and the SQL reader (read-books.ts) only fetches. Each problem names the booking, the
 * rule it breaks, what the rule expects and what the databases hold.
 *
 * The rules:
 * - a CONFIRMED booking has exactly one capture of its total: its payment is `captured`
 *   with captured_minor = total_minor in the booking's currency (a second capture shows as
 *   a captured_minor above the total), and its hold is `confirmed` (its rooms are taken);
 * - a CANCELLED booking has no capture left standing: no payment, or one `declined`,
 *   `voided` or `refunded` (an `authorized` one would still block the guest's money), and
 *   no hold, or one `released` or `expired`;
 * - no hold without a live booking: a `held` or `confirmed` hold belongs to a booking that
 *   exists and is not CANCELLED; likewise no `captured` or `authorized` payment without a booking;
 * - every saga ends: a booking neither CONFIRMED nor CANCELLED whose created_at is older
 *   than the bound (by the server's clock) is listed (a saga in flight, younger than that, is not judged).
 */

export interface BookingRow {
  id: string;
  number: string;
  state: string;
  step: string;
  reason: string | null;
  totalMinor: number;
  currency: string;
  /** How long ago the booking was created, by the database server's clock (no host clock skew). */
  ageMs: number;
}

export interface PaymentRow {
  bookingId: string;
  state: string;
  amountMinor: number;
  capturedMinor: number;
  currency: string;
}

export interface HoldRow {
  bookingId: string;
  state: string;
}

export interface Books {
  bookings: BookingRow[];
  payments: PaymentRow[];
  holds: HoldRow[];
}

export type ProblemKind =
  | 'confirmed-capture'
  | 'confirmed-hold'
  | 'cancelled-payment'
  | 'cancelled-hold'
  | 'orphan-hold'
  | 'orphan-payment'
  | 'unfinished-saga';

export interface BookProblem {
  kind: ProblemKind;
  bookingId: string;
  /** The guest's booking number; absent when the booking row itself is missing. */
  number?: string;
  expected: string;
  found: string;
}

export interface BooksCheck {
  counts: { bookings: number; confirmed: number; cancelled: number; inFlight: number; payments: number; holds: number };
  problems: BookProblem[];
}

export interface CheckOptions {
  /** A saga not finished after this long is a problem (the command's --stale-after). */
  staleAfterMs: number;
}

const FINISHED = new Set(['CONFIRMED', 'CANCELLED']);
/** A payment state that holds or has taken the guest's money. */
const MONEY_TAKEN = new Set(['authorizing', 'authorized', 'captured']);
const SETTLED_PAYMENT = new Set(['declined', 'voided', 'refunded']);
const LIVE_HOLD = new Set(['held', 'confirmed']);

export function checkBooks({ bookings, payments, holds }: Books, { staleAfterMs }: CheckOptions): BooksCheck {
  const paymentOf = new Map(payments.map((payment) => [payment.bookingId, payment]));
  const holdOf = new Map(holds.map((hold) => [hold.bookingId, hold]));
  const bookingOf = new Map(bookings.map((booking) => [booking.id, booking]));
  const problems: BookProblem[] = [];
  const about = (booking: BookingRow) => ({ bookingId: booking.id, number: booking.number });

  for (const booking of bookings) {
    const payment = paymentOf.get(booking.id);
    const hold = holdOf.get(booking.id);
    if (booking.state === 'CONFIRMED') {
      const expected = `captured ${money(booking.totalMinor, booking.currency)}`;
      const once = payment?.state === 'captured' && payment.capturedMinor === booking.totalMinor && payment.currency === booking.currency;
      if (!once) problems.push({ kind: 'confirmed-capture', ...about(booking), expected, found: describePayment(payment) });
      if (hold?.state !== 'confirmed') problems.push({ kind: 'confirmed-hold', ...about(booking), expected: 'hold confirmed', found: describeHold(hold) });
    } else if (booking.state === 'CANCELLED') {
      if (payment && !SETTLED_PAYMENT.has(payment.state)) {
        problems.push({ kind: 'cancelled-payment', ...about(booking), expected: 'no payment, or declined, voided or refunded', found: describePayment(payment) });
      }
      if (hold && LIVE_HOLD.has(hold.state)) {
        problems.push({ kind: 'cancelled-hold', ...about(booking), expected: 'no hold, or released or expired', found: describeHold(hold) });
      }
    } else if (booking.ageMs > staleAfterMs) {
      problems.push({
        kind: 'unfinished-saga',
        ...about(booking),
        expected: `CONFIRMED or CANCELLED within ${Math.round(staleAfterMs / 1000)} s`,
        found: `${booking.state} at step ${booking.step} after ${Math.round(booking.ageMs / 1000)} s`,
      });
    }
  }
  for (const hold of holds) {
    if (LIVE_HOLD.has(hold.state) && !bookingOf.has(hold.bookingId)) {
      problems.push({ kind: 'orphan-hold', bookingId: hold.bookingId, expected: 'a booking for the hold', found: `${describeHold(hold)}, no booking` });
    }
  }
  for (const payment of payments) {
    if (MONEY_TAKEN.has(payment.state) && !bookingOf.has(payment.bookingId)) {
      problems.push({ kind: 'orphan-payment', bookingId: payment.bookingId, expected: 'a booking for the payment', found: `${describePayment(payment)}, no booking` });
    }
  }

  const confirmed = bookings.filter((b) => b.state === 'CONFIRMED').length;
  const cancelled = bookings.filter((b) => b.state === 'CANCELLED').length;
  return {
    counts: { bookings: bookings.length, confirmed, cancelled, inFlight: bookings.filter((b) => !FINISHED.has(b.state)).length, payments: payments.length, holds: holds.length },
    problems,
  };
}

export function isBalanced(check: BooksCheck): boolean {
  return check.problems.length === 0;
}

function money(minor: number, currency: string): string {
  return `${minor} ${currency}`;
}

function describePayment(payment: PaymentRow | undefined): string {
  if (!payment) return 'no payment';
  return `payment ${payment.state} (captured ${money(payment.capturedMinor, payment.currency)} of ${money(payment.amountMinor, payment.currency)})`;
}

function describeHold(hold: HoldRow | undefined): string {
  return hold ? `hold ${hold.state}` : 'no hold';
}
