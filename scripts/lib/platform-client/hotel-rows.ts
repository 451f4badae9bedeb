/**
 * The hotels table read from the host, one rule for every reader: `verify` (each row
 * against its document), `reindex` (the backfill) and `status` (the row count). Rows come
 * back as Debezium hands them to the indexer, so the indexer's own rowToDocument
 * (services/search-indexer/contract.ts) maps them.
 *
 * Timestamps are epoch milliseconds computed by the server: UNIX_TIMESTAMP() of a
 * TIMESTAMP(3) column is the stored UTC instant as a DECIMAL with its three fractional
 * digits, whatever the session time zone, and `* 1000` with ROUND stays in decimal
 * arithmetic, so the integer is exact. Reading the column itself would have the server
 * render the instant as text in the session time zone and mysql2 parse that text back in
 * its own `timezone` option: exact only while the two settings agree on every connection
 * (and ambiguous in the repeated hour of a zone with daylight saving time).
 */
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { HOTEL_INPUT_FIELDS } from '../../../services/lib/contract.ts';

export const HOTEL_ROW_COLUMNS =
  `id, ${HOTEL_INPUT_FIELDS.join(', ')}, images, version, ` +
  'CAST(ROUND(UNIX_TIMESTAMP(created_at) * 1000) AS UNSIGNED) AS created_at, ' +
  'CAST(ROUND(UNIX_TIMESTAMP(updated_at) * 1000) AS UNSIGNED) AS updated_at';

/** The part of a mysql2 connection the readers use (tests pass a fake). */
export type RowQuery = Pick<Connection, 'query'>;

export interface RowPage {
  /** Rows with an id above this one… */
  afterId: number;
  /** …and up to this one, when given… */
  upToId?: number;
  /** …at most this many, by id. */
  size: number;
}

/** One page by keyset pagination (`WHERE id > ? ORDER BY id LIMIT n`): an index range scan however far in. */
export async function readHotelRowPage(connection: RowQuery, { afterId, upToId, size }: RowPage): Promise<Array<Record<string, unknown>>> {
  const [sql, values] =
    upToId === undefined
      ? [`SELECT ${HOTEL_ROW_COLUMNS} FROM hotels WHERE id > ? ORDER BY id LIMIT ?`, [afterId, size]]
      : [`SELECT ${HOTEL_ROW_COLUMNS} FROM hotels WHERE id > ? AND id <= ? ORDER BY id LIMIT ?`, [afterId, upToId, size]];
  // query, not execute: a prepared LIMIT ? is refused by some MySQL 8 versions (sidorares/node-mysql2#1239).
  const [rows] = await connection.query<RowDataPacket[]>(sql, values);
  return rows;
}

export interface DatabaseSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** A connection of its own with the readers `reindex` and `status` use; close() ends it. */
export async function openHotelRows(settings: DatabaseSettings) {
  // supportBigNumbers: a BIGINT beyond 2^53 comes as its exact digits, which rowToDocument refuses by name.
  const connection = await mysql.createConnection({ ...settings, connectTimeout: 5_000, supportBigNumbers: true });
  return {
    readPage: (afterId: number, upToId: number, size: number) => readHotelRowPage(connection, { afterId, upToId, size }),
    async maxId(): Promise<number> {
      const [rows] = await connection.query<RowDataPacket[]>('SELECT COALESCE(MAX(id), 0) AS id FROM hotels');
      return Number(rows[0]!.id);
    },
    async count(): Promise<number> {
      const [rows] = await connection.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM hotels');
      return Number(rows[0]!.n);
    },
    close: () => connection.end(),
  };
}
