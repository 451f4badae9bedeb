/**
 * The inventory tables a hold touches (mysql/inventory/migrations), inside one
 * transaction. Nights are [checkIn, checkOut): a guest arriving on the 1st and
 * leaving on the 3rd holds the nights of the 1st and the 2nd.
 */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { sqlErrno, type SqlConnection } from '../kit/saga/sql-connection.ts';

export type HoldState = 'held' | 'confirmed' | 'released' | 'expired';

export interface Hold {
  bookingId: string;
  roomTypeId: number;
  checkIn: string;
  checkOut: string;
  rooms: number;
  state: HoldState;
  expiresAt: Date;
}

export interface NightRange {
  roomTypeId: number;
  checkIn: string;
  checkOut: string;
}

export interface HoldStore {
  /** The booking's hold, locked until the transaction ends (FOR UPDATE). */
  findHold(bookingId: string): Promise<Hold | undefined>;
  roomTypeExists(roomTypeId: number): Promise<boolean>;
  /** How many of the range's nights have an inventory row (fewer than the nights: not for sale). */
  countNights(range: NightRange): Promise<number>;
  /**
   * Takes `rooms` from every night of the range in one statement: 'taken', or
   * 'sold_out' when the CHECK (available >= 0) refused it for some night, in which
   * case the statement took nothing (InnoDB rolls back the failed statement alone).
   */
  takeRooms(range: NightRange, rooms: number): Promise<'taken' | 'sold_out'>;
  giveBackRooms(range: NightRange, rooms: number): Promise<void>;
  insertHold(hold: Hold): Promise<void>;
  setHoldState(bookingId: string, state: HoldState): Promise<void>;
  /** Held holds whose expiry is before `now`, oldest first. */
  expiredHolds(now: Date, limit: number): Promise<string[]>;
}

/**
 * The CHECK constraint refusing a row: MySQL 3819 ER_CHECK_CONSTRAINT_VIOLATED,
 * MariaDB 4025 ER_CONSTRAINT_FAILED.
 */
export function isCheckViolation(error: unknown): boolean {
  const errno = sqlErrno(error);
  return errno === 3819 || errno === 4025;
}

interface HoldRow extends RowDataPacket {
  booking_id: string;
  room_type_id: number | string;
  check_in: string;
  check_out: string;
  rooms: number;
  state: HoldState;
  expires_at: Date;
}

/** Dates as text (DATE_FORMAT): a DATE read into a JS Date would shift with the session's time zone. */
const HOLD_COLUMNS = "booking_id, room_type_id, DATE_FORMAT(check_in, '%Y-%m-%d') AS check_in, DATE_FORMAT(check_out, '%Y-%m-%d') AS check_out, rooms, state, expires_at";
const IN_RANGE = 'room_type_id = ? AND night >= ? AND night < ?';

export function sqlHoldStore(connection: SqlConnection): HoldStore {
  const range = (r: NightRange) => [r.roomTypeId, r.checkIn, r.checkOut];
  return {
    async findHold(bookingId) {
      const [rows] = await connection.execute<HoldRow[]>(`SELECT ${HOLD_COLUMNS} FROM holds WHERE booking_id = ? FOR UPDATE`, [bookingId]);
      const row = rows[0];
      return row && {
        bookingId: row.booking_id,
        roomTypeId: Number(row.room_type_id),
        checkIn: row.check_in,
        checkOut: row.check_out,
        rooms: row.rooms,
        state: row.state,
        expiresAt: new Date(row.expires_at),
      };
    },
    async roomTypeExists(roomTypeId) {
      const [rows] = await connection.execute<RowDataPacket[]>('SELECT 1 FROM room_types WHERE id = ?', [roomTypeId]);
      return rows.length > 0;
    },
    async countNights(r) {
      const [rows] = await connection.execute<RowDataPacket[]>(`SELECT COUNT(*) AS nights FROM room_nights WHERE ${IN_RANGE}`, range(r));
      return Number(rows[0]?.nights ?? 0);
    },
    async takeRooms(r, rooms) {
      try {
        await connection.execute<ResultSetHeader>(`UPDATE room_nights SET available = available - ? WHERE ${IN_RANGE}`, [rooms, ...range(r)]);
        return 'taken';
      } catch (error) {
        if (isCheckViolation(error)) return 'sold_out';
        throw error;
      }
    },
    async giveBackRooms(r, rooms) {
      await connection.execute<ResultSetHeader>(`UPDATE room_nights SET available = available + ? WHERE ${IN_RANGE}`, [rooms, ...range(r)]);
    },
    async insertHold(hold) {
      await connection.execute<ResultSetHeader>(
        'INSERT INTO holds (booking_id, room_type_id, check_in, check_out, rooms, state, expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3))',
        [hold.bookingId, hold.roomTypeId, hold.checkIn, hold.checkOut, hold.rooms, hold.state, hold.expiresAt],
      );
    },
    async setHoldState(bookingId, state) {
      await connection.execute<ResultSetHeader>('UPDATE holds SET state = ?, updated_at = CURRENT_TIMESTAMP(3) WHERE booking_id = ?', [state, bookingId]);
    },
    async expiredHolds(now, limit) {
      // LIMIT as a literal: MySQL's prepared statements refuse a placeholder there in some versions.
      const [rows] = await connection.execute<RowDataPacket[]>(
        `SELECT booking_id FROM holds WHERE state = 'held' AND expires_at < ? ORDER BY expires_at LIMIT ${Math.max(1, Math.floor(limit))}`,
        [now],
      );
      return rows.map((row) => String(row.booking_id));
    },
  };
}
