/**
 * Reads the saga's books (check-books.ts) from its three databases on one connection,
 * inside one consistent snapshot. One snapshot is what makes the check sound while
 * sagas run: a booking's CONFIRMED commit comes after the capture's commit in payments
 * (the reply travels through that commit), so a snapshot that sees the booking CONFIRMED
 * sees its capture too. Three connections (one per service account) would read three
 * moments, and a saga moving between them would show as a false mismatch.
 *
 * Whole tables, no paging: a development stack holds thousands of bookings, not millions.
 */
import type { BookingRow, Books, HoldRow, PaymentRow } from './check-books.ts';

/** What the reader needs of a mysql2 connection (its test, test/e2e/verify-bookings.e2e.test.ts, gives it a real one). */
export interface SnapshotQuery {
  query(sql: string, values?: unknown[]): Promise<[unknown, unknown]>;
}

export interface BookDatabases {
  bookings: string;
  payments: string;
  inventory: string;
}

export async function readBooks(connection: SnapshotQuery, databases: BookDatabases): Promise<Books> {
  await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
  try {
    const bookings = (await rows(connection, 'SELECT id, number, state, step, reason, total_minor, currency, TIMESTAMPDIFF(MICROSECOND, created_at, CURRENT_TIMESTAMP(3)) DIV 1000 AS age_ms FROM ??.bookings', [databases.bookings])).map(
      (row): BookingRow => ({
        id: String(row.id),
        number: String(row.number),
        state: String(row.state),
        step: String(row.step),
        reason: row.reason === null ? null : String(row.reason),
        totalMinor: Number(row.total_minor),
        currency: String(row.currency),
        ageMs: Number(row.age_ms),
      }),
    );
    const payments = (await rows(connection, 'SELECT booking_id, state, amount_minor, captured_minor, currency FROM ??.payments', [databases.payments])).map(
      (row): PaymentRow => ({
        bookingId: String(row.booking_id),
        state: String(row.state),
        amountMinor: Number(row.amount_minor),
        capturedMinor: Number(row.captured_minor),
        currency: String(row.currency),
      }),
    );
    const holds = (await rows(connection, 'SELECT booking_id, state FROM ??.holds', [databases.inventory])).map(
      (row): HoldRow => ({ bookingId: String(row.booking_id), state: String(row.state) }),
    );
    return { bookings, payments, holds };
  } finally {
    await connection.query('COMMIT');
  }
}

async function rows(connection: SnapshotQuery, sql: string, values: unknown[]): Promise<Array<Record<string, unknown>>> {
  const [result] = await connection.query(sql, values);
  return result as Array<Record<string, unknown>>;
}
