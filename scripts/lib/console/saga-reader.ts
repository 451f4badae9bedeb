/**
 * What the console reads of the booking saga from its databases, as the change-capture
 * account (DEBEZIUM_DB_USER): like verify:bookings (verify-books.ts says why), it is the one
 * account of the typed config that may read all three saga databases and write none.
 *
 * Never the PIN's hash, nor the guest's name, email or card token: every query names its
 * columns, so a column added to `bookings` later does not reach the console by itself.
 * Times come back as epoch milliseconds computed by the server (UNIX_TIMESTAMP does not
 * depend on the session's time zone), with the server's own "now" beside them: ages and
 * durations are measured on one clock, the database's.
 */
import mysql, { type Pool, type RowDataPacket } from 'mysql2/promise';
import type { SagaService } from '../config/saga-config.ts';

export interface BookingRow {
  id: string;
  number: string;
  hotelId: number;
  roomTypeId: number;
  checkIn: string;
  checkOut: string;
  guests: number;
  totalMinor: number;
  currency: string;
  state: string;
  step: string;
  reason: string | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface StepRow {
  bookingId: string;
  seq: number;
  step: string;
  outcome: string;
  participant: string;
  atMs: number;
}

export interface SagaRows {
  /** The database server's clock when it answered. */
  serverNowMs: number;
  countsByState: Record<string, number>;
  /** The newest bookings, every unfinished one, and the one asked for by number: each once. */
  bookings: BookingRow[];
  steps: StepRow[];
}

/** One outbox row, newest first: the lag is read against these (outbox-lag.ts). */
export interface OutboxHeadRow {
  id: string;
  ageMs: number;
}

export interface SagaReadOptions {
  /** How many of the newest bookings to list. */
  newest: number;
  /** At most this many unfinished bookings besides (a stuck saga must show even when it is not among the newest). */
  unfinished: number;
  number?: string | undefined;
}

/** One booking's saga, for the golden-path trace. */
export interface BookingTimeline {
  state: string;
  step: string;
  reason: string | null;
  createdAtMs: number;
  steps: Array<Omit<StepRow, 'bookingId'>>;
}

export interface SagaReader {
  read(options: SagaReadOptions): Promise<SagaRows>;
  timeline(number: string): Promise<BookingTimeline | undefined>;
  /** The newest `limit` rows of one service's outbox. */
  outboxHead(service: SagaService, limit: number): Promise<OutboxHeadRow[]>;
  close(): Promise<void>;
}

export interface SagaReaderAccount {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Each saga service's database. */
  databases: Record<SagaService, string>;
}

const EPOCH_MS = (column: string) => `CAST(UNIX_TIMESTAMP(${column}) * 1000 AS UNSIGNED)`;
const BOOKING_COLUMNS = `id, number, hotel_id, room_type_id, DATE_FORMAT(check_in, '%Y-%m-%d') AS check_in, DATE_FORMAT(check_out, '%Y-%m-%d') AS check_out,
  guests, total_minor, currency, state, step, reason, ${EPOCH_MS('created_at')} AS created_ms, ${EPOCH_MS('updated_at')} AS updated_ms`;
const STEP_COLUMNS = `booking_id, seq, step, outcome, participant, ${EPOCH_MS('at')} AS at_ms`;

export function createSagaReader({ databases, ...account }: SagaReaderAccount): SagaReader {
  const pool: Pool = mysql.createPool({ ...account, connectionLimit: 2, connectTimeout: 3_000, supportBigNumbers: true });
  const bookings = databases.booking;
  return {
    async read({ newest, unfinished, number }) {
      const connection = await pool.getConnection();
      try {
        // One snapshot: the counts, the list and the steps agree with each other.
        await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
        const [[now]] = await connection.query<RowDataPacket[]>(`SELECT ${EPOCH_MS('CURRENT_TIMESTAMP(3)')} AS now_ms`);
        const [counts] = await connection.query<RowDataPacket[]>('SELECT state, COUNT(*) AS n FROM ??.bookings GROUP BY state', [bookings]);
        const [rows] = await connection.query<RowDataPacket[]>(
          `(SELECT ${BOOKING_COLUMNS} FROM ??.bookings ORDER BY created_at DESC LIMIT ?)
           UNION (SELECT ${BOOKING_COLUMNS} FROM ??.bookings WHERE state NOT IN ('CONFIRMED', 'CANCELLED') ORDER BY created_at LIMIT ?)
           UNION (SELECT ${BOOKING_COLUMNS} FROM ??.bookings WHERE number = ?)`,
          [bookings, newest, bookings, unfinished, bookings, number ?? ''],
        );
        const listed = rows.map(bookingRow);
        const ids = listed.map((b) => b.id);
        const [steps] = ids.length === 0
          ? [[] as RowDataPacket[]]
          : await connection.query<RowDataPacket[]>(
            `SELECT ${STEP_COLUMNS} FROM ??.booking_steps WHERE booking_id IN (?) ORDER BY booking_id, seq`,
            [bookings, ids],
          );
        await connection.query('COMMIT');
        return {
          serverNowMs: Number(now!.now_ms),
          countsByState: Object.fromEntries(counts.map((row) => [String(row.state), Number(row.n)])),
          bookings: listed,
          steps: steps.map(stepRow),
        };
      } finally {
        connection.release();
      }
    },
    async timeline(number) {
      const [[booking]] = await pool.query<RowDataPacket[]>(`SELECT id, state, step, reason, ${EPOCH_MS('created_at')} AS created_ms FROM ??.bookings WHERE number = ?`, [bookings, number]);
      if (!booking) return undefined;
      const [steps] = await pool.query<RowDataPacket[]>(`SELECT ${STEP_COLUMNS} FROM ??.booking_steps WHERE booking_id = ? ORDER BY seq`, [bookings, booking.id]);
      return { state: String(booking.state), step: String(booking.step), reason: booking.reason === null ? null : String(booking.reason), createdAtMs: Number(booking.created_ms), steps: steps.map(stepRow) };
    },
    async outboxHead(service, limit) {
      const [rows] = await pool.query<RowDataPacket[]>(
        'SELECT id, TIMESTAMPDIFF(MICROSECOND, created_at, CURRENT_TIMESTAMP(3)) DIV 1000 AS age_ms FROM ??.outbox ORDER BY created_at DESC, id DESC LIMIT ?',
        [databases[service], limit],
      );
      return rows.map((row) => ({ id: String(row.id), ageMs: Number(row.age_ms) }));
    },
    async close() {
      await pool.end();
    },
  };
}

function bookingRow(row: RowDataPacket): BookingRow {
  return {
    id: String(row.id),
    number: String(row.number),
    hotelId: Number(row.hotel_id),
    roomTypeId: Number(row.room_type_id),
    checkIn: String(row.check_in),
    checkOut: String(row.check_out),
    guests: Number(row.guests),
    totalMinor: Number(row.total_minor),
    currency: String(row.currency),
    state: String(row.state),
    step: String(row.step),
    reason: row.reason === null ? null : String(row.reason),
    createdAtMs: Number(row.created_ms),
    updatedAtMs: Number(row.updated_ms),
  };
}

function stepRow(row: RowDataPacket): StepRow {
  return { bookingId: String(row.booking_id), seq: Number(row.seq), step: String(row.step), outcome: String(row.outcome), participant: String(row.participant), atMs: Number(row.at_ms) };
}
