/**
 * Bookings in MySQL/MariaDB for the public API: a new booking is its row, its first step and
 * its first command (HoldRooms) in one transaction, so a booking exists exactly when its saga
 * has started. The unique keys on the idempotency key and the number settle races.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { BookingStore } from './booking-store.ts';
import { bookingColumns, rowToView, type BookingRow, type StepRow } from './booking-rows.ts';
import { ER_DUP_ENTRY, sqlErrno } from '../kit/saga/sql-connection.ts';
import { bookingTransact } from './booking-transaction.ts';
import { appendStep, writeCommands } from './mysql-saga-repository.ts';

export function createMysqlBookingStore(pool: Pool): BookingStore {
  const transact = bookingTransact(pool);
  const viewOf = async (row: BookingRow) => {
    const [steps] = await pool.execute<RowDataPacket[]>('SELECT seq, step, outcome, participant, at FROM booking_steps WHERE booking_id = ? ORDER BY seq', [row.id]);
    return rowToView(row, steps as StepRow[]);
  };
  const findBy = async (column: 'id' | 'idempotency_key', value: string) => {
    const [rows] = await pool.execute<RowDataPacket[]>(`SELECT ${bookingColumns} FROM bookings WHERE ${column} = ?`, [value]);
    const row = rows[0] as BookingRow | undefined;
    return row && { row, view: await viewOf(row) };
  };

  return {
    async create(booking, start, now) {
      try {
        return await transact(async (tx) => {
          await tx.connection.execute(
            `INSERT INTO bookings (id, number, pin_hash, idempotency_key, request_hash, hotel_id, room_type_id, check_in, check_out,
               guests, guest_name, guest_email, total_minor, currency, card_token, state, step, reason, step_deadline, version,
               created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
            [
              booking.id,
              booking.number,
              booking.pinHash,
              booking.idempotencyKey,
              booking.requestHash,
              booking.hotelId,
              booking.roomTypeId,
              booking.checkIn,
              booking.checkOut,
              booking.guests,
              booking.guestName,
              booking.guestEmail,
              booking.totalMinor,
              booking.currency,
              booking.cardToken,
              start.next.state,
              start.next.step,
              start.next.reason,
              start.next.stepDeadline,
              now,
              now,
            ],
          );
          await appendStep(tx, booking.id, 1, start, now);
          await writeCommands(tx, start);
          return { kind: 'created' as const };
        });
      } catch (error) {
        if (sqlErrno(error) !== ER_DUP_ENTRY) throw error;
        // MySQL names the key `bookings.bookings_idempotency_key`, MariaDB `bookings_idempotency_key`.
        const message = (error as Error).message;
        if (message.includes('bookings_idempotency_key')) return { kind: 'key_taken' };
        if (message.includes('bookings_number')) return { kind: 'number_taken' };
        throw error;
      }
    },

    async findByIdempotencyKey(key) {
      const found = await findBy('idempotency_key', key);
      return found && { requestHash: found.row.request_hash, view: found.view };
    },

    async findByNumber(number) {
      const [rows] = await pool.execute<RowDataPacket[]>('SELECT id, pin_hash FROM bookings WHERE number = ?', [number]);
      const row = rows[0];
      return row && { bookingId: String(row.id), pinHash: String(row.pin_hash) };
    },

    async view(bookingId) {
      return (await findBy('id', bookingId))?.view;
    },

    async ping() {
      await pool.query('SELECT 1');
    },
  };
}
