/**
 * What smoke and bench:bookings read of the saga's databases from the host, each with the
 * service's own account (MYSQL_PORT, the passwords from .env): inventory's free nights, and
 * the bookings' states. The public API has no availability read, and inventory's gRPC
 * frontend is not published, so the nights are read where inventory keeps them. Bookings'
 * states are read in one query for many bookings: polling each through the API would cost
 * the booking service a PIN check (scrypt) per lookup and count against HAProxy's lookup
 * limit (haproxy/haproxy.cfg, backend booking).
 */
import mysql, { type PoolOptions, type RowDataPacket } from 'mysql2/promise';
import type { MysqlSettings } from './client-settings.ts';
import type { FreeNight } from '../bench/choose-stays.ts';

export interface BookingState {
  number: string;
  state: string;
  reason: string | null;
  /** When the booking last changed (its last saga transition), epoch ms. */
  updatedAtMs: number;
}

export interface SagaStores {
  /** Every room-type night from `from` to `to` (YYYY-MM-DD, inclusive) with at least `minFree` rooms free. */
  freeNights(from: string, to: string, minFree: number): Promise<FreeNight[]>;
  /** Free rooms of one room type on one night (undefined: no such night in the inventory). */
  available(roomTypeId: number, night: string): Promise<number | undefined>;
  bookingStates(numbers: string[]): Promise<BookingState[]>;
  close(): Promise<void>;
}

export function createSagaStores(accounts: { inventory: MysqlSettings; booking: MysqlSettings }): SagaStores {
  // UTC on both sides: the nights are UTC dates and updated_at a UTC instant.
  const options: PoolOptions = { connectionLimit: 2, connectTimeout: 3_000, timezone: 'Z', dateStrings: ['DATE'] };
  const inventory = mysql.createPool({ ...accounts.inventory, ...options });
  const bookings = mysql.createPool({ ...accounts.booking, ...options });
  return {
    async freeNights(from, to, minFree) {
      const [rows] = await inventory.query<RowDataPacket[]>(
        `SELECT t.hotel_id, n.room_type_id, t.capacity, n.night, n.available
           FROM room_nights n JOIN room_types t ON t.id = n.room_type_id
          WHERE n.night BETWEEN ? AND ? AND n.available >= ?`,
        [from, to, minFree],
      );
      return rows.map((row) => ({
        hotelId: Number(row.hotel_id),
        roomTypeId: Number(row.room_type_id),
        capacity: Number(row.capacity),
        night: String(row.night),
        available: Number(row.available),
      }));
    },
    async available(roomTypeId, night) {
      const [rows] = await inventory.query<RowDataPacket[]>('SELECT available FROM room_nights WHERE room_type_id = ? AND night = ?', [roomTypeId, night]);
      return rows[0] ? Number(rows[0].available) : undefined;
    },
    async bookingStates(numbers) {
      if (numbers.length === 0) return [];
      const [rows] = await bookings.query<RowDataPacket[]>('SELECT number, state, reason, updated_at FROM bookings WHERE number IN (?)', [numbers]);
      return rows.map((row) => ({
        number: String(row.number),
        state: String(row.state),
        reason: row.reason === null ? null : String(row.reason),
        updatedAtMs: (row.updated_at as Date).getTime(),
      }));
    },
    async close() {
      await Promise.allSettled([inventory.end(), bookings.end()]);
    },
  };
}
