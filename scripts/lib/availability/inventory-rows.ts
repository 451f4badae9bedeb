/**
 * The inventory tables date search indexes (issue 21), read from the host, one rule for
 * every reader: `verify` (each row against its document) and `reindex` (the backfill).
 * Rows come back as the indexer's own mapping takes them (roomTypeRowToDocument,
 * roomNightRowToDocument in services/search-indexer/contract.ts): a night as YYYY-MM-DD,
 * formatted by the server, so no time zone of the client can shift it a day.
 */
import type { RowDataPacket } from 'mysql2/promise';
import type { RowQuery } from '../platform-client/hotel-rows.ts';

export const ROOM_TYPE_COLUMNS = 'id, hotel_id, capacity, nightly_price_minor, currency';
export const ROOM_NIGHT_COLUMNS = "room_type_id, DATE_FORMAT(night, '%Y-%m-%d') AS night, available";

/** Where a page of nights starts: after this room type's night (keyset on the primary key). */
export interface NightCursor {
  roomTypeId: number;
  night: string;
}

export async function readRoomTypeRows(connection: RowQuery): Promise<Array<Record<string, unknown>>> {
  const [rows] = await connection.query<RowDataPacket[]>(`SELECT ${ROOM_TYPE_COLUMNS} FROM room_types ORDER BY id`);
  return rows;
}

/** One page of nights by keyset pagination on (room_type_id, night): an index range scan however far in. */
export async function readRoomNightPage(connection: RowQuery, after: NightCursor | undefined, size: number): Promise<Array<Record<string, unknown>>> {
  const [sql, values] =
    after === undefined
      ? [`SELECT ${ROOM_NIGHT_COLUMNS} FROM room_nights ORDER BY room_type_id, night LIMIT ?`, [size]]
      : [
          `SELECT ${ROOM_NIGHT_COLUMNS} FROM room_nights WHERE room_type_id > ? OR (room_type_id = ? AND night > ?) ORDER BY room_type_id, night LIMIT ?`,
          [after.roomTypeId, after.roomTypeId, after.night, size],
        ];
  // query, not execute: a prepared LIMIT ? is refused by some MySQL 8 versions (sidorares/node-mysql2#1239).
  const [rows] = await connection.query<RowDataPacket[]>(sql, values);
  return rows;
}

/** Every night, page by page. */
export async function* readRoomNightRows(connection: RowQuery, pageSize: number): AsyncGenerator<Record<string, unknown>, void, undefined> {
  let after: NightCursor | undefined;
  for (;;) {
    const rows = await readRoomNightPage(connection, after, pageSize);
    yield* rows;
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || last === undefined) return;
    after = { roomTypeId: Number(last.room_type_id), night: String(last.night) };
  }
}
